using System.Collections.Generic;
using System.Text.Json;
using EcrTools.Client.Model;

namespace EcrTools.Client.SdkInternal.Transform
{
    /// <summary>Writes optional members: a member that is null is left out of the request.</summary>
    internal static class JsonRequestWriter
    {
        internal static void WriteOptionalString(this Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WritePropertyName(name);
                writer.WriteVerbatimStringValue(value);
            }
        }

        internal static void WriteOptionalNumber(this Utf8JsonWriter writer, string name, int? value)
        {
            if (value.HasValue)
            {
                writer.WriteNumber(name, value.Value);
            }
        }

        internal static void WriteOptionalStringList(this Utf8JsonWriter writer, string name, List<string>? values)
        {
            if (values != null)
            {
                writer.WriteStartArray(name);
                foreach (string value in values)
                {
                    writer.WriteVerbatimStringValue(value);
                }

                writer.WriteEndArray();
            }
        }

        internal static void WriteOptionalImageIds(this Utf8JsonWriter writer, string name, List<ImageIdentifier>? imageIds)
        {
            if (imageIds != null)
            {
                writer.WriteStartArray(name);
                foreach (ImageIdentifier imageId in imageIds)
                {
                    writer.WriteStartObject();
                    writer.WriteOptionalString("imageDigest", imageId.ImageDigest);
                    writer.WriteOptionalString("imageTag", imageId.ImageTag);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        }

        /// <summary>The <c>filter</c> member; ListImagesFilter and DescribeImagesFilter have the same two members.</summary>
        internal static void WriteImageFilter(this Utf8JsonWriter writer, string? imageStatus, string? tagStatus)
        {
            writer.WriteStartObject("filter");
            writer.WriteOptionalString("imageStatus", imageStatus);
            writer.WriteOptionalString("tagStatus", tagStatus);
            writer.WriteEndObject();
        }
    }
}
