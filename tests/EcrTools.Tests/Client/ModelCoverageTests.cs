using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Amazon.Runtime;
using EcrTools.Client;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>The model classes against the service model: every shape, member, type and enum value.</summary>
    public class ModelCoverageTests
    {
        [Fact]
        public void EveryReachableShapeHasItsClassAndEveryMemberItsProperty()
        {
            var missing = new List<string>();
            foreach (ModelShape shape in ServiceModel.Instance.ReachableShapes().Where(shape => shape.Type == "structure"))
            {
                Type? type = ServiceModel.ClassOf(shape.Name);
                if (type is null)
                {
                    missing.Add($"class {shape.Name}");
                    continue;
                }

                if (shape.IsError && !typeof(EcrServiceException).IsAssignableFrom(type))
                {
                    missing.Add($"{shape.Name} deriving from EcrServiceException");
                }

                foreach ((string member, string memberShape) in shape.Members)
                {
                    PropertyInfo? property = type.GetProperty(ModelShape.PropertyName(member));
                    Type? expected = shape.IsError && member == "message" ? typeof(string) : ServiceModel.Instance.ClrTypeOf(memberShape);
                    if (property is null)
                    {
                        missing.Add($"{shape.Name}.{ModelShape.PropertyName(member)} ({member})");
                    }
                    else if (property.PropertyType != expected)
                    {
                        missing.Add($"{shape.Name}.{property.Name} of type {expected}, not {property.PropertyType}");
                    }
                }
            }

            Assert.True(missing.Count == 0, "Missing from EcrTools.Client.Model:\n" + string.Join("\n", missing));
        }

        [Fact]
        public void EveryReachableEnumHasAConstantPerValue()
        {
            var missing = new List<string>();
            foreach (ModelShape shape in ServiceModel.Instance.ReachableShapes().Where(shape => shape.EnumValues.Count > 0))
            {
                Type? type = ServiceModel.ClassOf(shape.Name);
                string[] constants = type?.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Where(field => field.IsLiteral)
                    .Select(field => (string)field.GetRawConstantValue()!)
                    .ToArray() ?? Array.Empty<string>();
                missing.AddRange(shape.EnumValues.Except(constants).Select(value => $"{shape.Name}: \"{value}\""));
            }

            Assert.True(missing.Count == 0, "Enum values without a constant:\n" + string.Join("\n", missing));
        }

        [Theory]
        [MemberData(nameof(ServiceModel.OperationNames), MemberType = typeof(ServiceModel))]
        public void RequestsAndResponsesDeriveFromCoreBaseTypes(string operationName)
        {
            ModelOperation operation = ServiceModel.Instance.Operations[operationName];
            Assert.True(typeof(AmazonWebServiceRequest).IsAssignableFrom(ServiceModel.ClassOf(operation.Input)));
            Assert.True(typeof(AmazonWebServiceResponse).IsAssignableFrom(ServiceModel.ClassOf(operation.Output)));
        }

        [Theory]
        [MemberData(nameof(ServiceModel.OperationNames), MemberType = typeof(ServiceModel))]
        public async Task EveryMemberIsWrittenAndReadAtEveryDepth(string operationName)
        {
            ModelOperation operation = ServiceModel.Instance.Operations[operationName];
            object request = ModelSamples.Create(operation.Input);
            JsonObject responseJson = ModelSamples.WriteJson(operation.Output, ModelSamples.Create(operation.Output));
            await using StubEcrServer server = await StubEcrServer.StartAsync();
            server.Respond(StubResponse.Ok(responseJson));
            using EcrClient client = server.CreateClient();

            object response = await operation.InvokeAsync(client, request);

            ModelSamples.AssertJsonEqual(ModelSamples.WriteJson(operation.Input, request), server.SingleRequest.BodyJson);
            ModelSamples.AssertJsonEqual(responseJson, ModelSamples.WriteJson(operation.Output, response));
        }
    }
}
