using System;

namespace LocalEcr.Store;

/// <summary>
/// A listing position built from sequence numbers that only grow (push order, then tag order), so a page token
/// stays valid, and skips nothing, while images are pushed during a listing.
/// </summary>
internal readonly record struct PageKey(long Primary, long Secondary) : IComparable<PageKey>
{
    public int CompareTo(PageKey other) =>
        Primary != other.Primary ? Primary.CompareTo(other.Primary) : Secondary.CompareTo(other.Secondary);
}

/// <summary>Something a listing pages over, in ascending <see cref="Key"/> order.</summary>
internal interface IPageable
{
    PageKey Key { get; }
}
