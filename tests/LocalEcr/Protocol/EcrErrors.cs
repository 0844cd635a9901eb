using System.Collections.Generic;

namespace LocalEcr.Protocol;

/// <summary>Every error LocalEcr answers, with AWS's codes, status codes and wording, in one place.</summary>
internal static class EcrErrors
{
    public static EcrException Serialization(string message) => new("SerializationException", message);

    public static EcrException UnknownOperation() =>
        new("UnknownOperationException", "The requested operation is not recognized by the service.");

    public static EcrException InvalidParameter(string parameter, string constraint) =>
        new("InvalidParameterException", $"Invalid parameter at '{parameter}' failed to satisfy constraint: '{constraint}'");

    /// <summary>What ECR answers for a manifest that is not JSON, or that names no media type when the request names none.</summary>
    public static EcrException InvalidManifestJson() => InvalidParameter("ImageManifest", "Invalid JSON syntax");

    public static EcrException InvalidNextToken() =>
        InvalidParameter("nextToken", "Invalid NextToken: pass back the token unchanged, with the same parameters as the request that returned it");

    public static EcrException RepositoryNotFound(string repositoryName, string registryId) =>
        new("RepositoryNotFoundException",
            $"The repository with name '{repositoryName}' does not exist in the registry with id '{registryId}'");

    public static EcrException ImageNotFound(string? digest, string? tag, string repositoryName, string registryId) =>
        new("ImageNotFoundException",
            $"The image with imageId {{imageDigest:'{digest ?? "null"}', imageTag:'{tag ?? "null"}'}} does not exist " +
            $"within the repository with name '{repositoryName}' in the registry with id '{registryId}'");

    public static EcrException ImageAlreadyExists(string digest, string? tag, string repositoryName, string registryId) =>
        new("ImageAlreadyExistsException",
            $"Image with digest '{digest}' and tag '{tag ?? "null"}' already exists in the repository with name " +
            $"'{repositoryName}' in the registry with id '{registryId}'");

    public static EcrException ImageTagAlreadyExists(string tag, string repositoryName) =>
        new("ImageTagAlreadyExistsException",
            $"The image tag '{tag}' already exists in the '{repositoryName}' repository and cannot be overwritten " +
            "because the repository is immutable.");

    public static EcrException ImageDigestDoesNotMatch(string given, string computed) =>
        new("ImageDigestDoesNotMatchException",
            $"The provided image digest '{given}' does not match the digest '{computed}' calculated from the image manifest");

    public static EcrException LayersNotFound(IReadOnlyList<string> digests, string repositoryName, string registryId) =>
        new("LayersNotFoundException",
            $"Layers with digests '[{string.Join(", ", digests)}]' required for pushing image into repository with " +
            $"name '{repositoryName}' in the registry with id '{registryId}' do not exist");

    public static EcrException ReferencedImagesNotFound(IReadOnlyList<string> digests, string repositoryName, string registryId) =>
        new("ReferencedImagesNotFoundException",
            $"The manifest list or index references images '[{string.Join(", ", digests)}]' that do not exist in the " +
            $"repository with name '{repositoryName}' in the registry with id '{registryId}'");

    public static EcrException LimitExceeded(int imageLimit, string repositoryName) =>
        new("LimitExceededException",
            $"The repository with name '{repositoryName}' already contains the maximum number of images ({imageLimit})");

    public static EcrException Kms(string kmsError) =>
        new("KmsException", $"The operation failed because of a KMS error: {kmsError}", kmsError: kmsError);

    public static EcrException Throttling() => new("ThrottlingException", "Rate exceeded");

    public static EcrException ServiceUnavailable() =>
        new("ServiceUnavailable", "The service is unavailable. Please try again later.", 503);

    public static EcrException Server(string message) => new("ServerException", message, 500);

    // Authentication, answered the way AWS's front end answers a JSON-protocol service: HTTP 400, as every other
    // client error (STS, a query-protocol service, answers 403: see Identity/StsException.cs).
    public static EcrException MissingAuthenticationToken() =>
        new("MissingAuthenticationTokenException", "Missing Authentication Token");

    public static EcrException IncompleteSignature(string message) => new("IncompleteSignatureException", message);

    public static EcrException UnrecognizedClient() =>
        new("UnrecognizedClientException", "The security token included in the request is invalid.");

    public static EcrException ExpiredToken() =>
        new("ExpiredTokenException", "The security token included in the request is expired");

    public static EcrException InvalidSignature(string message) => new("InvalidSignatureException", message);

    public static EcrException SignatureDoesNotMatch() =>
        InvalidSignature("The request signature we calculated does not match the signature you provided. Check your AWS " +
                         "Secret Access Key and signing method. Consult the service documentation for details.");
}
