using System;
using Amazon.Runtime;

namespace EcrTools.Client
{
    /// <summary>
    /// What a failed request's exception says, asked without naming the AWS SDK's types: the module's cmdlet assembly
    /// stays free of AWSSDK.Core references, so it can load in PowerShell's shared context while the SDK stays private.
    /// </summary>
    public static class RequestFailures
    {
        /// <summary>Whether the SDK raised it: the service's answer or a client-side failure (credentials, transport).</summary>
        public static bool IsSdkException(Exception exception) => exception is AmazonServiceException || exception is AmazonClientException;

        /// <summary>Whether it is the service's answer to a request.</summary>
        public static bool IsServiceAnswer(Exception exception) => exception is AmazonServiceException;

        /// <summary>The service's error code (such as RepositoryNotFoundException), or null for other failures.</summary>
        public static string? ErrorCode(Exception exception) => (exception as AmazonServiceException)?.ErrorCode;

        /// <summary>The HTTP status of the service's answer, or null for other failures.</summary>
        public static int? StatusCode(Exception exception) => exception is AmazonServiceException answer && answer.StatusCode != 0 ? (int)answer.StatusCode : (int?)null;

        /// <summary>The request id of the service's answer (x-amzn-RequestId), or null.</summary>
        public static string? RequestId(Exception exception) => (exception as AmazonServiceException)?.RequestId is { Length: > 0 } id ? id : null;

        /// <summary>
        /// The service's answer that a client-side failure wraps, such as AssumeRole refused while a profile's
        /// credentials were resolved; null when there is none.
        /// </summary>
        public static Exception? WrappedServiceAnswer(Exception exception) =>
            exception is AmazonClientException && !(exception is AmazonServiceException) && exception.InnerException is AmazonServiceException inner ? inner : null;
    }
}
