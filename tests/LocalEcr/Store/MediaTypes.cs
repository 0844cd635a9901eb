using System;
using System.Collections.Generic;

namespace LocalEcr.Store;

/// <summary>The manifest media types ECR stores.</summary>
internal static class MediaTypes
{
    public const string DockerSchema1 = "application/vnd.docker.distribution.manifest.v1+json";
    public const string DockerSchema1Signed = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerImageConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        DockerSchema1, DockerSchema1Signed, DockerManifest, DockerManifestList, OciManifest, OciIndex,
    };

    public static bool IsSupported(string mediaType) => Supported.Contains(mediaType);

    /// <summary>A manifest list or image index: it references other manifests instead of blobs.</summary>
    public static bool IsIndex(string mediaType) => mediaType is DockerManifestList or OciIndex;
}
