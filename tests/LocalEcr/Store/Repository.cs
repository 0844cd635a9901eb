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

    /// <summary>
    /// Runs lookups under the repository's lock, taken once for all of them: a request's ids see one state of the
    /// repository, and a lookup of 100 ids costs one lock, not 200.
    /// </summary>
    public T Read<T>(Func<Reader, T> read)
    {
        lock (_gate)
        {
            return read(_writer);
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

    /// <summary>What a reader may look up while it holds the repository's lock.</summary>
    internal class Reader(Repository repository)
    {
        protected Repository Owner { get; } = repository;

        public StoredImage? FindByDigest(string digest) => Owner._byDigest.GetValueOrDefault(digest);

        public StoredImage? FindByTag(string tag) => Owner._byTag.GetValueOrDefault(tag);
    }

    /// <summary>What a writer may do while it holds the repository's lock.</summary>
    internal sealed class Writer(Repository repository) : Reader(repository)
    {
        public bool Changed { get; set; }

        public int ImageCount => Owner._images.Count;

        public bool HasBlob(string digest) => Owner._blobs.Contains(digest);

        public void AddBlob(string digest) => Owner._blobs.Add(digest);

        public void AddBlob(Sha256Value digest) => Owner._blobs.Add(digest);

        /// <summary>Stores a new image under the next push sequence. The caller makes its blobs known.</summary>
        public StoredImage Add(Func<long, StoredImage> create)
        {
            var image = create(++Owner._lastImageSequence);
            Owner._images.Add(image);
            Owner._byDigest.Add(image.DigestValue, image);
            Changed = true;
            return image;
        }

        /// <summary>Puts <paramref name="tag"/> on <paramref name="image"/>, taking it off whichever image had it.</summary>
        public void Tag(StoredImage image, string tag)
        {
            if (Owner._byTag.TryGetValue(tag, out var previous))
            {
                if (previous == image)
                {
                    return;
                }

                previous.Tags = Array.FindAll(previous.Tags, t => t.Value != tag);
            }

            Owner._byTag[tag] = image;
            image.Tags = [.. image.Tags, new ImageTag(tag, ++Owner._lastTagSequence, image)];
            Changed = true;
        }
    }
}
