using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Client;
using EcrTools.Client.Model;

namespace EcrTools.Tests.Client
{
    /// <summary>One shape of the service model (ecr-2015-09-21.subset.json in TestData).</summary>
    internal sealed class ModelShape
    {
        public ModelShape(string name, JsonElement definition)
        {
            Name = name;
            Type = definition.GetProperty("type").GetString()!;
            Members = definition.TryGetProperty("members", out JsonElement members)
                ? members.EnumerateObject().ToDictionary(member => member.Name, member => member.Value.GetProperty("shape").GetString()!)
                : new Dictionary<string, string>();
            ElementShape = definition.TryGetProperty("member", out JsonElement element) ? element.GetProperty("shape").GetString() : null;
            KeyShape = definition.TryGetProperty("key", out JsonElement key) ? key.GetProperty("shape").GetString() : null;
            ValueShape = definition.TryGetProperty("value", out JsonElement value) ? value.GetProperty("shape").GetString() : null;
            EnumValues = definition.TryGetProperty("enum", out JsonElement values) ? values.EnumerateArray().Select(v => v.GetString()!).ToArray() : Array.Empty<string>();
            IsError = definition.TryGetProperty("exception", out JsonElement exception) && exception.GetBoolean();
        }

        public string Name { get; }

        /// <summary>structure, list, map, string, integer, long, boolean or timestamp.</summary>
        public string Type { get; }

        /// <summary>Member wire name to shape name.</summary>
        public IReadOnlyDictionary<string, string> Members { get; }

        public string? ElementShape { get; }

        public string? KeyShape { get; }

        public string? ValueShape { get; }

        public IReadOnlyList<string> EnumValues { get; }

        public bool IsError { get; }

        /// <summary>The C# property of a member: the wire name with its first letter upper-cased.</summary>
        public static string PropertyName(string member) => char.ToUpperInvariant(member[0]) + member.Substring(1);
    }

    internal sealed class ModelOperation
    {
        public ModelOperation(string name, string input, string output, IReadOnlyList<string> errors)
        {
            Name = name;
            Input = input;
            Output = output;
            Errors = errors;
        }

        public string Name { get; }

        public string Input { get; }

        public string Output { get; }

        public IReadOnlyList<string> Errors { get; }

        /// <summary>Calls the operation's <c>{Name}Async</c> method on a client.</summary>
        public async Task<object> InvokeAsync(IEcrClient client, object request)
        {
            MethodInfo method = typeof(IEcrClient).GetMethod(Name + "Async")!;
            var task = (Task)method.Invoke(client, new[] { request, CancellationToken.None })!;
            await task;
            return task.GetType().GetProperty("Result")!.GetValue(task)!;
        }
    }

    /// <summary>The operations and shapes of the subset model, and how they map to EcrTools.Client.Model.</summary>
    internal sealed class ServiceModel
    {
        private static readonly Lazy<ServiceModel> Loaded = new Lazy<ServiceModel>(() => new ServiceModel());

        private readonly Dictionary<string, ModelShape> _shapes;

        private ServiceModel()
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("ecr-2015-09-21.subset.json")));
            JsonElement root = document.RootElement;
            _shapes = root.GetProperty("shapes").EnumerateObject().ToDictionary(shape => shape.Name, shape => new ModelShape(shape.Name, shape.Value));
            Operations = root.GetProperty("operations").EnumerateObject()
                .Select(operation => new ModelOperation(
                    operation.Name,
                    operation.Value.GetProperty("input").GetProperty("shape").GetString()!,
                    operation.Value.GetProperty("output").GetProperty("shape").GetString()!,
                    operation.Value.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("shape").GetString()!).ToArray()))
                .ToDictionary(operation => operation.Name);
        }

        public static ServiceModel Instance => Loaded.Value;

        public IReadOnlyDictionary<string, ModelOperation> Operations { get; }

        public static IEnumerable<object[]> OperationNames() => Instance.Operations.Keys.Select(name => new object[] { name });

        public ModelShape Shape(string name) => _shapes[name];

        /// <summary>The model class of a structure shape, or null when there is none.</summary>
        public static Type? ClassOf(string shapeName) => typeof(ImageIdentifier).Assembly.GetType("EcrTools.Client.Model." + shapeName);

        /// <summary>
        /// The C# type the model uses for a shape: nullable scalars for members, plain ones inside collections,
        /// strings for enums, List and Dictionary for lists and maps.
        /// </summary>
        public Type? ClrTypeOf(string shapeName, bool asMember = true)
        {
            ModelShape shape = Shape(shapeName);
            switch (shape.Type)
            {
                case "string":
                    return typeof(string);
                case "integer":
                    return asMember ? typeof(int?) : typeof(int);
                case "long":
                    return asMember ? typeof(long?) : typeof(long);
                case "boolean":
                    return asMember ? typeof(bool?) : typeof(bool);
                case "timestamp":
                    return asMember ? typeof(DateTime?) : typeof(DateTime);
                case "list":
                    return ClrTypeOf(shape.ElementShape!, asMember: false) is Type element ? typeof(List<>).MakeGenericType(element) : null;
                case "map":
                    return ClrTypeOf(shape.KeyShape!, asMember: false) is Type key && ClrTypeOf(shape.ValueShape!, asMember: false) is Type value
                        ? typeof(Dictionary<,>).MakeGenericType(key, value)
                        : null;
                case "structure":
                    return ClassOf(shapeName);
                default:
                    throw new NotSupportedException($"Shape type {shape.Type} of {shapeName}");
            }
        }

        /// <summary>Every shape reachable from the operations' inputs, outputs and errors.</summary>
        public IReadOnlyCollection<ModelShape> ReachableShapes()
        {
            var reached = new Dictionary<string, ModelShape>();
            var pending = new Stack<string>(Operations.Values.SelectMany(operation => operation.Errors.Append(operation.Input).Append(operation.Output)));
            while (pending.Count > 0)
            {
                ModelShape shape = Shape(pending.Pop());
                if (reached.TryAdd(shape.Name, shape))
                {
                    foreach (string next in shape.Members.Values.Append(shape.ElementShape).Append(shape.KeyShape).Append(shape.ValueShape).OfType<string>())
                    {
                        pending.Push(next);
                    }
                }
            }

            return reached.Values;
        }
    }

    internal static class TestData
    {
        public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "TestData", fileName);
    }
}
