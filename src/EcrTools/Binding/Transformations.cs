using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using EcrTools.Client;
using EcrTools.Client.Model;

namespace EcrTools.Binding
{
    /// <summary>
    /// Accepts -Filter as the module's <see cref="EcrImageFilter"/>, a hashtable (<c>@{ tagStatus = 'TAGGED' }</c>),
    /// the AWS CLI shorthand (<c>'tagStatus=TAGGED,imageStatus=ANY'</c>) or any object with TagStatus/ImageStatus.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ImageFilterTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? input = BoundValues.Unwrap(inputData);
            try
            {
                switch (input)
                {
                    case null:
                        return null!;
                    case ValueType _:
                        throw new ArgumentException($"'{input}' is not a filter. Give a hashtable such as @{{ tagStatus = 'TAGGED' }}, the shorthand 'tagStatus=TAGGED,imageStatus=ANY', or an EcrImageFilter.");
                    case EcrImageFilter filter:
                        return filter;
                    case string shorthand:
                        return EcrImageFilter.Parse(shorthand);
                    case IDictionary dictionary:
                        return EcrImageFilter.FromPairs(dictionary.Cast<DictionaryEntry>()
                            .Select(entry => new KeyValuePair<string, object?>(entry.Key?.ToString() ?? string.Empty, BoundValues.Unwrap(entry.Value))));
                    default:
                        return EcrImageFilter.FromPairs(PSObject.AsPSObject(inputData).Properties
                            .Where(property => property.IsGettable)
                            .Select(property => new KeyValuePair<string, object?>(property.Name, BoundValues.Unwrap(property.Value))));
                }
            }
            catch (ArgumentException problem)
            {
                throw new ArgumentTransformationMetadataException(problem.Message, problem);
            }
        }
    }

    /// <summary>
    /// Refuses a comma-separated list for an enum shortcut (-TagStatus 'Tagged,Untagged'): PowerShell would combine
    /// the values bitwise into another member instead of refusing them.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class SingleEnumValueAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? input = BoundValues.Unwrap(inputData);
            if ((input is string text && text.IndexOf(',') >= 0) || BoundValues.IsList(input))
            {
                throw new ArgumentTransformationMetadataException($"'{input}' names more than one value; give exactly one.");
            }

            return inputData;
        }
    }

    /// <summary>
    /// Accepts -ImageId as objects with ImageDigest and/or ImageTag properties (Get-EcrImageId output, for one)
    /// or hashtables with those keys; checks each digest and tag.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ImageIdTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? input = BoundValues.Unwrap(inputData);
            IEnumerable items = BoundValues.IsList(input) && !(input is IDictionary) ? (IEnumerable)input! : new[] { inputData };
            return items.Cast<object?>().Select(ToIdentifier).ToArray();
        }

        private static EcrImageId ToIdentifier(object? item)
        {
            object? value = BoundValues.Unwrap(item);
            string? digest;
            string? tag;
            switch (value)
            {
                case EcrImageId identifier:
                    digest = identifier.ImageDigest;
                    tag = identifier.ImageTag;
                    break;
                case IDictionary dictionary:
                    digest = Find(dictionary, "ImageDigest");
                    tag = Find(dictionary, "ImageTag");
                    break;
                case null:
                    throw new ArgumentTransformationMetadataException("An image id must not be null. Give an object or hashtable with ImageDigest and/or ImageTag.");
                default:
                    var properties = PSObject.AsPSObject(item).Properties;
                    digest = Single(properties["ImageDigest"]?.Value, "ImageDigest");
                    tag = Single(properties["ImageTag"]?.Value, "ImageTag");
                    break;
            }

            if (digest is null && tag is null)
            {
                string keys = value is IDictionary given && given.Count > 0
                    ? $" (its keys: {string.Join(", ", given.Keys.Cast<object?>().Select(key => key?.ToString()))})"
                    : string.Empty;
                throw new ArgumentTransformationMetadataException($"The image id '{Show(value)}' has neither ImageDigest nor ImageTag{keys}. Give an object or hashtable with one or both, for example @{{ ImageTag = 'v1.2' }}.");
            }

            string? problem = (digest is null ? null : EcrValidation.ImageDigest(digest)) ?? (tag is null ? null : EcrValidation.ImageTag(tag));
            if (problem is not null)
            {
                throw new ArgumentTransformationMetadataException(problem);
            }

            return new EcrImageId { ImageDigest = digest, ImageTag = tag };
        }

        /// <summary>A hashtable as PowerShell writes one, @{Tag=v1}; anything else as its text.</summary>
        private static string? Show(object? value) => value is IDictionary dictionary
            ? "@{" + string.Join("; ", dictionary.Cast<DictionaryEntry>().Select(entry => $"{entry.Key}={BoundValues.Unwrap(entry.Value)}")) + "}"
            : value?.ToString();

        private static string? Find(IDictionary dictionary, string key)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(entry.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase))
                {
                    return Single(entry.Value, key);
                }
            }

            return null;
        }

        /// <summary>One value: an array where one tag or digest belongs is refused rather than sent as text.</summary>
        private static string? Single(object? value, string key)
        {
            object? unwrapped = BoundValues.Unwrap(value);
            if (BoundValues.IsList(unwrapped))
            {
                throw new ArgumentTransformationMetadataException($"An image id's {key} must be one value, not a list. Give one id per tag or digest, for example @{{ {key} = 'v1' }}, @{{ {key} = 'v2' }}.");
            }

            return unwrapped?.ToString();
        }
    }
}
