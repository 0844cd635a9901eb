using System;
using System.Collections.Generic;
using System.Linq;
using EcrTools.Client.Model;
using Model = EcrTools.Client.Model;

namespace EcrTools
{
    /// <summary>
    /// The filter of ListImages and DescribeImages: which images by tag status and by image status. It reads the
    /// AWS CLI shorthand (<c>tagStatus=TAGGED,imageStatus=ANY</c>) and key/value pairs, keys case-insensitive;
    /// values are checked against the API's enums so a typo fails before any request is sent.
    /// </summary>
    public sealed class EcrImageFilter
    {
        public static readonly IReadOnlyList<string> TagStatusValues = new[] { Model.TagStatus.Tagged, Model.TagStatus.Untagged, Model.TagStatus.Any };

        public static readonly IReadOnlyList<string> ImageStatusValues = new[]
        {
            ImageStatusFilter.Active, ImageStatusFilter.Archived, ImageStatusFilter.Activating, ImageStatusFilter.Any,
        };

        private static readonly string[] Keys = { "tagStatus", "imageStatus" };

        private string? _tagStatus;
        private string? _imageStatus;

        public EcrImageFilter()
        {
        }

        public EcrImageFilter(string? tagStatus, string? imageStatus)
        {
            TagStatus = tagStatus;
            ImageStatus = imageStatus;
        }

        /// <summary>TAGGED, UNTAGGED or ANY; null leaves it to the service (all images).</summary>
        public string? TagStatus
        {
            get => _tagStatus;
            set => _tagStatus = Normalize(value, TagStatusValues, "tagStatus");
        }

        /// <summary>ACTIVE, ARCHIVED, ACTIVATING or ANY; null leaves it to the service (ACTIVE images only).</summary>
        public string? ImageStatus
        {
            get => _imageStatus;
            set => _imageStatus = Normalize(value, ImageStatusValues, "imageStatus");
        }

        public bool IsEmpty => TagStatus is null && ImageStatus is null;

        /// <summary>Reads the AWS CLI shorthand, e.g. <c>tagStatus=TAGGED,imageStatus=ANY</c>.</summary>
        public static EcrImageFilter Parse(string shorthand)
        {
            if (shorthand is null)
            {
                throw new ArgumentNullException(nameof(shorthand));
            }

            var pairs = new List<KeyValuePair<string, object?>>();
            foreach (string part in shorthand.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = part.IndexOf('=');
                if (equals <= 0)
                {
                    throw new ArgumentException($"The filter '{shorthand}' is not of the form key=value[,key=value]. Valid keys: {string.Join(", ", Keys)}.");
                }

                pairs.Add(new KeyValuePair<string, object?>(part.Substring(0, equals).Trim(), part.Substring(equals + 1).Trim()));
            }

            return FromPairs(pairs);
        }

        /// <summary>Reads key/value pairs such as a hashtable's entries; keys are case-insensitive.</summary>
        public static EcrImageFilter FromPairs(IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            var filter = new EcrImageFilter();
            foreach (KeyValuePair<string, object?> pair in pairs)
            {
                string? value = pair.Value?.ToString();
                if (string.Equals(pair.Key, "tagStatus", StringComparison.OrdinalIgnoreCase))
                {
                    filter.TagStatus = value;
                }
                else if (string.Equals(pair.Key, "imageStatus", StringComparison.OrdinalIgnoreCase))
                {
                    filter.ImageStatus = value;
                }
                else
                {
                    throw new ArgumentException($"'{pair.Key}' is not a filter key. Valid keys: {string.Join(", ", Keys)}.");
                }
            }

            return filter;
        }

        /// <summary>
        /// This filter with the -TagStatus/-ImageStatus shortcuts applied; a shortcut that contradicts the filter is
        /// an error rather than a silent choice.
        /// </summary>
        public EcrImageFilter With(string? tagStatus, string? imageStatus)
        {
            var combined = new EcrImageFilter(tagStatus, imageStatus);
            combined.TagStatus = Combine(TagStatus, combined.TagStatus, "tagStatus");
            combined.ImageStatus = Combine(ImageStatus, combined.ImageStatus, "imageStatus");
            return combined;
        }

        public ListImagesFilter? ToListImagesFilter() =>
            IsEmpty ? null : new ListImagesFilter { TagStatus = TagStatus, ImageStatus = ImageStatus };

        public DescribeImagesFilter? ToDescribeImagesFilter() =>
            IsEmpty ? null : new DescribeImagesFilter { TagStatus = TagStatus, ImageStatus = ImageStatus };

        /// <summary>The filter in the AWS CLI shorthand.</summary>
        public override string ToString() =>
            string.Join(",", new[] { TagStatus is null ? null : "tagStatus=" + TagStatus, ImageStatus is null ? null : "imageStatus=" + ImageStatus }.Where(part => part is not null));

        private static string? Combine(string? fromFilter, string? fromShortcut, string key)
        {
            if (fromFilter is not null && fromShortcut is not null && fromFilter != fromShortcut)
            {
                throw new ArgumentException($"The filter says {key}={fromFilter} but the shortcut parameter says {fromShortcut}. Give one of them, or the same value in both.");
            }

            return fromFilter ?? fromShortcut;
        }

        private static string? Normalize(string? value, IReadOnlyList<string> valid, string key)
        {
            // PowerShell passes $null to a string parameter as "": both mean "not set".
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            foreach (string candidate in valid)
            {
                if (string.Equals(candidate, value!.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return candidate;
                }
            }

            throw new ArgumentException($"'{value}' is not a valid {key}. Valid values: {string.Join(", ", valid)}.");
        }
    }
}
