using System;
using System.Collections.Generic;
using System.Threading;

namespace LocalEcr.Store;

/// <summary>
/// A repository's images, tags and known blobs. Writes go through <see cref="Write{T}"/>, one at a time under the
/// repository's lock; listings read an immutable <see cref="RepositoryIndex"/> without locking.
/// </summary>
internal sealed class Repository : IPageable
{
    private readonly object _gate = new();
    private readonly List<StoredImage> _images = [];
    private readonly Dictionary<string, StoredImage> _byDigest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredImage> _byTag = new(StringComparer.Ordinal);
    private readonly BlobSet _blobs = new();
    private readonly Writer _writer;
    private RepositorySettings _settings;
    private RepositoryIndex? _index;
    private long _lastImageSequence;
    private long _lastTagSequence;

    public Repository(string name, long sequence, RepositorySettings settings)
    {
        Name = name;
        Sequence = sequence;
        _settings = settings;
        _writer = new Writer(this);
    }

    public string Name { get; }

    /// <summary>Creation order in the registry, for DescribeRepositories paging.</summary>
    public long Sequence { get; }

    public PageKey Key => new(Sequence, 0);

    public RepositorySettings Settings
    {
        get => Volatile.Read(ref _settings);
        set => Volatile.Write(ref _settings, value);
    }

    /// <summary>The current snapshot, rebuilt after a change the first time someone reads it.</summary>
    public RepositoryIndex Index
    {
        get
        {
            if (Volatile.Read(ref _index) is { } index)
            {
                return index;
            }

            lock (_gate)
            {
                return _index ??= new RepositoryIndex(_images);
            }
        }
    }

    public StoredImage? FindByDigest(string digest)
    {
        lock (_gate)
        {
            return _byDigest.GetValueOrDefault(digest);
        }
    }

    public StoredImage? FindByTag(string tag)
    {
        lock (_gate)
        {
            return _byTag.GetValueOrDefault(tag);
        }
    }

    /// <summary>Runs a read-check-change sequence atomically with respect to other writers.</summary>
    public T Write<T>(Func<Writer, T> change)
    {
        lock (_gate)
        {
            try
            {
                return change(_writer);
            }
            finally
            {
                if (_writer.Changed)
                {
                    _writer.Changed = false;
                    Volatile.Write(ref _index, null);
                }
            }
        }
    }

    /// <summary>What a writer may do while it holds the repository's lock.</summary>
    internal sealed class Writer(Repository repository)
    {
        public bool Changed { get; set; }

        public int ImageCount => repository._images.Count;

        public StoredImage? FindByDigest(string digest) => repository._byDigest.GetValueOrDefault(digest);

        public StoredImage? FindByTag(string tag) => repository._byTag.GetValueOrDefault(tag);

        public bool HasBlob(string digest) => repository._blobs.Contains(digest);

        public void AddBlob(string digest) => repository._blobs.Add(digest);

        public void AddBlob(Sha256Value digest) => repository._blobs.Add(digest);

        /// <summary>Stores a new image under the next push sequence. The caller makes its blobs known.</summary>
        public StoredImage Add(Func<long, StoredImage> create)
        {
            var image = create(++repository._lastImageSequence);
            repository._images.Add(image);
            repository._byDigest.Add(image.DigestValue, image);
            Changed = true;
            return image;
        }

        /// <summary>Puts <paramref name="tag"/> on <paramref name="image"/>, taking it off whichever image had it.</summary>
        public void Tag(StoredImage image, string tag)
        {
            if (repository._byTag.TryGetValue(tag, out var previous))
            {
                if (previous == image)
                {
                    return;
                }

                previous.Tags = Array.FindAll(previous.Tags, t => t.Value != tag);
            }

            repository._byTag[tag] = image;
            image.Tags = [.. image.Tags, new ImageTag(tag, ++repository._lastTagSequence, image)];
            Changed = true;
        }
    }
}
