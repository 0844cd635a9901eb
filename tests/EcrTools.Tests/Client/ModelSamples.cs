using System;
using System.Collections;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>
    /// Builds model objects with every member set, and writes model objects as the wire JSON the service model
    /// defines. Both are driven by the model file, not by the client's code, so they check it.
    /// </summary>
    internal static class ModelSamples
    {
        /// <summary>1499287667.123 in epoch seconds.</summary>
        public static readonly DateTime Timestamp = new DateTime(2017, 7, 5, 20, 47, 47, 123, DateTimeKind.Utc);

        private static readonly DateTime Epoch = new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private static ServiceModel Model => ServiceModel.Instance;

        /// <summary>
        /// An instance of a shape with every member set. Strings name their member and enums take a valid value, so
        /// a value written to or read from the wrong member shows.
        /// </summary>
        public static object Create(string shapeName, string member = "value")
        {
            ModelShape shape = Model.Shape(shapeName);
            switch (shape.Type)
            {
                case "structure":
                    Type type = ServiceModel.ClassOf(shapeName)!;
                    object instance = Activator.CreateInstance(type)!;
                    foreach ((string name, string memberShape) in shape.Members)
                    {
                        type.GetProperty(ModelShape.PropertyName(name))!.SetValue(instance, Create(memberShape, name));
                    }

                    return instance;
                case "list":
                    var list = (IList)Activator.CreateInstance(Model.ClrTypeOf(shapeName)!)!;
                    list.Add(Create(shape.ElementShape!, member + "-1"));
                    list.Add(Create(shape.ElementShape!, member + "-2"));
                    return list;
                case "map":
                    var map = (IDictionary)Activator.CreateInstance(Model.ClrTypeOf(shapeName)!)!;
                    ModelShape key = Model.Shape(shape.KeyShape!);
                    map.Add(CreateScalar(key, member + "-key-1", enumIndex: 0), Create(shape.ValueShape!));
                    map.Add(CreateScalar(key, member + "-key-2", enumIndex: 1), Create(shape.ValueShape!));
                    return map;
                default:
                    return CreateScalar(shape, member, enumIndex: 0);
            }
        }

        /// <summary>A structure as wire JSON: members by their model names, timestamps as epoch seconds.</summary>
        public static JsonObject WriteJson(string shapeName, object value) => (JsonObject)WriteJsonValue(shapeName, value)!;

        /// <summary>Asserts two JSON documents are equal, showing both when not.</summary>
        public static void AssertJsonEqual(JsonNode expected, JsonNode actual)
        {
            // Parsed from text on both sides, so numbers compare by value whatever built the nodes.
            JsonNode? left = JsonNode.Parse(expected.ToJsonString());
            JsonNode? right = JsonNode.Parse(actual.ToJsonString());
            Assert.True(JsonNode.DeepEquals(left, right), $"Expected:\n{left}\nActual:\n{right}");
        }

        private static object CreateScalar(ModelShape shape, string member, int enumIndex) => shape.Type switch
        {
            "string" => shape.EnumValues.Count > 0 ? shape.EnumValues[enumIndex % shape.EnumValues.Count] : member + "-value",
            "integer" => 7,
            "long" => 1234567890123L,
            "boolean" => true,
            "timestamp" => Timestamp,
            _ => throw new NotSupportedException($"Shape type {shape.Type} of {shape.Name}"),
        };

        private static JsonNode? WriteJsonValue(string shapeName, object? value)
        {
            if (value is null)
            {
                return null;
            }

            ModelShape shape = Model.Shape(shapeName);
            switch (shape.Type)
            {
                case "structure":
                    var json = new JsonObject();
                    foreach ((string name, string memberShape) in shape.Members)
                    {
                        object? memberValue = value.GetType().GetProperty(ModelShape.PropertyName(name))!.GetValue(value);
                        if (memberValue != null)
                        {
                            json[name] = WriteJsonValue(memberShape, memberValue);
                        }
                    }

                    return json;
                case "list":
                    return new JsonArray(((IEnumerable)value).Cast<object>().Select(element => WriteJsonValue(shape.ElementShape!, element)).ToArray());
                case "map":
                    var map = new JsonObject();
                    foreach (DictionaryEntry entry in (IDictionary)value)
                    {
                        map[(string)entry.Key] = WriteJsonValue(shape.ValueShape!, entry.Value);
                    }

                    return map;
                case "timestamp":
                    return JsonValue.Create((decimal)((DateTime)value - Epoch).Ticks / TimeSpan.TicksPerSecond);
                default:
                    return value switch
                    {
                        string text => JsonValue.Create(text),
                        int number => JsonValue.Create(number),
                        long number => JsonValue.Create(number),
                        bool flag => JsonValue.Create(flag),
                        _ => throw new NotSupportedException($"{value.GetType()} for shape {shapeName}"),
                    };
            }
        }
    }
}
