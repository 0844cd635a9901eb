using System;
using System.Collections;
using System.Management.Automation;
using EcrTools.Client;

namespace EcrTools.Binding
{
    /// <summary>
    /// Checks each value with one of the API's constraints (<see cref="EcrValidation"/>), so bad input fails
    /// while binding, with a message that says what is allowed, and no request is sent.
    /// </summary>
    public abstract class EcrValidateAttribute : ValidateArgumentsAttribute
    {
        protected abstract string? Check(string value);

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (value is string single)
            {
                Throw(Check(single));
                return;
            }

            if (value is IEnumerable many)
            {
                foreach (object? item in many)
                {
                    object? element = item is PSObject psItem ? psItem.BaseObject : item;
                    Throw(element is string text ? Check(text) : "Expected text.");
                }
            }
        }

        private static void Throw(string? problem)
        {
            if (problem is not null)
            {
                throw new ValidationMetadataException(problem);
            }
        }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateRepositoryNameAttribute : EcrValidateAttribute
    {
        protected override string? Check(string value) => EcrValidation.RepositoryName(value);
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateRegionAttribute : EcrValidateAttribute
    {
        protected override string? Check(string value) =>
            Client.Connection.ConnectionResolver.IsValidRegion(value) ? null : $"'{value}' is not an AWS region name. Use a name such as us-east-1 or eu-west-2 (press Tab after -Region to list them).";
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateRegistryIdAttribute : EcrValidateAttribute
    {
        protected override string? Check(string value) => EcrValidation.RegistryId(value);
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateImageTagAttribute : EcrValidateAttribute
    {
        protected override string? Check(string value) => EcrValidation.ImageTag(value);
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ValidateImageDigestAttribute : EcrValidateAttribute
    {
        protected override string? Check(string value) => EcrValidation.ImageDigest(value);
    }
}
