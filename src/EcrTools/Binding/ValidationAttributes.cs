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
    internal abstract class EcrValidateAttribute : ValidateArgumentsAttribute
    {
        /// <summary>
        /// An empty string passes: bound from the pipeline by property name it means "not given", as an empty cell of
        /// an Import-Csv row does (Get-EcrImageId's RegistryId, or the ImageTag of an untagged image). On the command
        /// line the cmdlet refuses it before any request (<see cref="Commands.EcrCmdlet"/>), with <see cref="Check"/>'s
        /// message for an empty value.
        /// </summary>
        public bool EmptyFromPipeline { get; set; }

        /// <summary>What is wrong with the value, or null when it is valid.</summary>
        internal abstract string? Check(string value);

        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object? value = BoundValues.Unwrap(arguments);
            if (value is string single)
            {
                Throw(CheckBound(single));
                return;
            }

            if (value is IEnumerable many)
            {
                foreach (object? item in many)
                {
                    object? element = BoundValues.Unwrap(item);
                    Throw(element is string text ? CheckBound(text) : "Expected text.");
                }
            }
        }

        private string? CheckBound(string value) => EmptyFromPipeline && value.Length == 0 ? null : Check(value);

        private static void Throw(string? problem)
        {
            if (problem is not null)
            {
                throw new ValidationMetadataException(problem);
            }
        }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateRepositoryNameAttribute : EcrValidateAttribute
    {
        internal override string? Check(string value) => EcrValidation.RepositoryName(value);
    }

    /// <summary>Refuses a value of only white space, which the resolver would otherwise read as "not given".</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateNotBlankAttribute : EcrValidateAttribute
    {
        internal override string? Check(string value) =>
            string.IsNullOrWhiteSpace(value) ? "The value is empty or white space; give a name, or leave the parameter out." : null;
    }

    /// <summary>An endpoint must be an absolute http or https URL with a host, such as https://ecr.example.com/.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateEndpointUrlAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object? value = BoundValues.Unwrap(arguments);
            if (!(value is Uri uri) || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            {
                throw new ValidationMetadataException($"'{value}' is not an endpoint URL. Give an absolute http or https URL, for example https://api.ecr.us-east-1.amazonaws.com or http://127.0.0.1:5000/.");
            }
        }
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateRegionAttribute : EcrValidateAttribute
    {
        internal override string? Check(string value) =>
            Client.Connection.ConnectionResolver.IsValidRegion(value) ? null : $"'{value}' is not an AWS region name. Use a name such as us-east-1 or eu-west-2 (press Tab after -Region to list them).";
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateRegistryIdAttribute : EcrValidateAttribute
    {
        internal override string? Check(string value) => EcrValidation.RegistryId(value);
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateImageTagAttribute : EcrValidateAttribute
    {
        internal override string? Check(string value) => EcrValidation.ImageTag(value);
    }

    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    internal sealed class ValidateImageDigestAttribute : EcrValidateAttribute
    {
        internal override string? Check(string value) => EcrValidation.ImageDigest(value);
    }
}
