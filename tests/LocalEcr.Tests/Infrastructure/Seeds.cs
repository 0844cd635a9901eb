using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LocalEcr.Tests.Infrastructure;

/// <summary>Seeds and manifests the tests build on.</summary>
internal static class Seeds
{
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    public static string Digest(string content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>A blob digest derived from a name, for manifests' config and layers.</summary>
    public static string Blob(string name) => Digest("blob/" + name);

    /// <summary>A Docker v2 manifest whose config and layer blobs are named after <paramref name="name"/>.</summary>
    public static string Manifest(string name, int layers = 2, string? mediaType = DockerManifest, long layerSize = 1000) =>
        new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["config"] = new JsonObject
            {
                ["mediaType"] = "application/vnd.docker.container.image.v1+json", ["size"] = 100, ["digest"] = Blob(name + "/config"),
            },
            ["layers"] = new JsonArray(Enumerable.Range(0, layers).Select(i => (JsonNode)new JsonObject
            {
                ["mediaType"] = "application/vnd.docker.image.rootfs.diff.tar.gzip", ["size"] = layerSize, ["digest"] = Blob($"{name}/layer{i}"),
            }).ToArray()),
        }.ToJsonString();

    /// <summary>The blobs <see cref="Manifest"/> names, so a seed can make them pushable.</summary>
    public static IReadOnlyList<string> BlobsOf(string name, int layers = 2) =>
        [Blob(name + "/config"), .. Enumerable.Range(0, layers).Select(i => Blob($"{name}/layer{i}"))];

    public static string Index(string mediaType, params string[] childManifests) =>
        new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = mediaType,
            ["manifests"] = new JsonArray(childManifests.Select(child => (JsonNode)new JsonObject
            {
                ["mediaType"] = mediaType == OciIndex ? OciManifest : DockerManifest,
                ["size"] = Encoding.UTF8.GetByteCount(child),
                ["digest"] = Digest(child),
            }).ToArray()),
        }.ToJsonString();

    public static SeedDocument Generated(string repository, int count, int untaggedEvery = 0, int tagsPerImage = 1) => new()
    {
        Repositories =
        [
            new SeedRepository
            {
                Name = repository,
                Generate = new SeedGenerate { Count = count, UntaggedEvery = untaggedEvery, TagsPerImage = tagsPerImage },
            },
        ],
    };

    public static SeedDocument Repository(SeedRepository repository) => new() { Repositories = [repository] };
}
