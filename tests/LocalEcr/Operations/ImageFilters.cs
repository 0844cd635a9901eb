using System;
using System.Text.Json;
using LocalEcr.Protocol;
using LocalEcr.Store;

namespace LocalEcr.Operations;

/// <summary>Reads the <c>filter</c> member shared by ListImages and DescribeImages (values already validated).</summary>
internal static class ImageFilters
{
    public static ImageFilter Read(JsonElement input)
    {
        if (input.OptionalObject("filter") is not { } filter)
        {
            return ImageFilter.Default;
        }

        return new ImageFilter(
            filter.OptionalString("tagStatus") is { } tagStatus ? Enum.Parse<TagStatusFilter>(tagStatus, ignoreCase: true) : TagStatusFilter.Any,
            filter.OptionalString("imageStatus") is { } imageStatus ? Enum.Parse<ImageStatusFilter>(imageStatus, ignoreCase: true) : ImageStatusFilter.Active);
    }
}
