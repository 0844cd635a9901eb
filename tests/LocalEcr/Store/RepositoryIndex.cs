using System;
using System.Collections.Generic;
using System.Threading;

namespace LocalEcr.Store;

/// <summary>An image with the tags it had when the index was built.</summary>
internal readonly struct ImageView(StoredImage image, ImageTag[] tags) : IPageable
{
    public StoredImage Image { get; } = image;

    public ImageTag[] Tags { get; } = tags;

    public PageKey Key => new(Image.Sequence, 0);
}

/// <summary>One ListImages entry: an image and one of its tags, or an untagged image alone.</summary>
internal readonly struct ListEntry(StoredImage image, ImageTag? tag) : IPageable
{
    public StoredImage Image { get; } = image;

    public ImageTag? Tag { get; } = tag;

    // Tag sequences start at 1, so an untagged image's single entry sorts first within its image.
    public PageKey Key => new(Image.Sequence, Tag?.Sequence ?? 0);

    public byte[] Json => Tag is { } tag ? tag.ListEntryJson : Image.UntaggedListEntryJson;
}

/// <summary>
/// An immutable snapshot of a repository's images in push order, with per-filter listings built on first use.
/// Readers page through it without locks; a push makes the repository build a fresh one on the next read.
/// </summary>
internal sealed class RepositoryIndex
{
    private readonly ImageView[] _images;
    private readonly ImageView[]?[] _imagesByFilter = new ImageView[ImageFilter.Combinations][];
    private readonly ListEntry[]?[] _entriesByFilter = new ListEntry[ImageFilter.Combinations][];

    public RepositoryIndex(IReadOnlyList<StoredImage> imagesInPushOrder)
    {
        _images = new ImageView[imagesInPushOrder.Count];
        for (var i = 0; i < _images.Length; i++)
        {
            var image = imagesInPushOrder[i];
            _images[i] = new ImageView(image, image.Tags);
        }
    }

    /// <summary>DescribeImages: one view per matching image.</summary>
    public ImageView[] Images(ImageFilter filter)
    {
        // Racing builders compute the same array; whichever lands is fine.
        return Volatile.Read(ref _imagesByFilter[filter.Slot]) ?? Publish(ref _imagesByFilter[filter.Slot], BuildImages(filter));
    }

    /// <summary>ListImages: one entry per tag of each matching image, one for an untagged image.</summary>
    public ListEntry[] Entries(ImageFilter filter)
    {
        return Volatile.Read(ref _entriesByFilter[filter.Slot]) ?? Publish(ref _entriesByFilter[filter.Slot], BuildEntries(filter));
    }

    private ImageView[] BuildImages(ImageFilter filter)
    {
        var matching = new List<ImageView>(_images.Length);
        foreach (var view in _images)
        {
            if (filter.Matches(view.Image, view.Tags.Length))
            {
                matching.Add(view);
            }
        }

        return matching.ToArray();
    }

    private ListEntry[] BuildEntries(ImageFilter filter)
    {
        var entries = new List<ListEntry>(_images.Length);
        foreach (var view in _images)
        {
            if (!filter.Matches(view.Image, view.Tags.Length))
            {
                continue;
            }

            if (view.Tags.Length == 0)
            {
                entries.Add(new ListEntry(view.Image, null));
                continue;
            }

            foreach (var tag in view.Tags)
            {
                entries.Add(new ListEntry(view.Image, tag));
            }
        }

        return entries.ToArray();
    }

    private static T[] Publish<T>(ref T[]? slot, T[] value)
    {
        Volatile.Write(ref slot, value);
        return value;
    }
}
