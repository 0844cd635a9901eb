using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace EcrTools.Client.Connection
{
    /// <summary>What the command line says about the connection; null members were not given.</summary>
    public sealed class ConnectionOptions
    {
        public string? Region { get; set; }

        public string? ProfileName { get; set; }

        public string? ProfileLocation { get; set; }

        public string? AccessKey { get; set; }

        public string? SecretKey { get; set; }

        public string? SessionToken { get; set; }

        /// <summary>Whether any of -AccessKey, -SecretKey, -SessionToken or -Credential was given: then they must be complete.</summary>
        public bool HasExplicitKeys => AccessKey is not null || SecretKey is not null || SessionToken is not null;

        /// <summary>Where AccessKey/SecretKey came from, for messages: "-AccessKey/-SecretKey" or "-Credential".</summary>
        public string ExplicitKeysSource { get; set; } = "-AccessKey/-SecretKey";

        public string? EndpointUrl { get; set; }

        /// <summary>How long one request may take; null for the SDK's default.</summary>
        public TimeSpan? Timeout { get; set; }
    }

    /// <summary>The settings to connect with, and where each came from (for verbose output; never secrets).</summary>
    public sealed class ResolvedConnection
    {
        public ResolvedConnection(EcrConnectionSettings settings, string credentialSource, string regionSource, string endpointSource)
        {
            Settings = settings;
            CredentialSource = credentialSource;
            RegionSource = regionSource;
            EndpointSource = endpointSource;
        }

        public EcrConnectionSettings Settings { get; }

        public string CredentialSource { get; }

        public string RegionSource { get; }

        public string EndpointSource { get; }

        public override string ToString() =>
            $"Credentials from {CredentialSource}; region {Settings.Region} from {RegionSource}; endpoint from {EndpointSource}.";
    }

    /// <summary>A connection setting that cannot be resolved, with a message that says how to fix it.</summary>
    public sealed class ConnectionConfigurationException : Exception
    {
        public ConnectionConfigurationException(string reason, string message)
            : base(message)
        {
            Reason = reason;
        }

        /// <summary>
        /// A stable id: RegionNotFound, ProfileNotFound, ProfileUnreadable, CredentialsNotFound,
        /// IncompleteCredentials, InvalidRetrySetting.
        /// </summary>
        public string Reason { get; }
    }

    /// <summary>
    /// Resolves credentials, region, endpoint and retry settings in the documented order, from the command line,
    /// the environment and the shared AWS files. Only the instance metadata service is left out unless the host is
    /// an EC2 instance, so machines elsewhere fail at once instead of waiting on a timeout.
    /// </summary>
    public sealed class ConnectionResolver
    {
        private static readonly Regex RegionPattern = new Regex("^[a-z]{2,}(-[a-z0-9]+)*-[0-9]+\\z", RegexOptions.CultureInvariant);

        private readonly Func<string, string?> _environment;
        private readonly Func<bool> _isEc2Host;

        public ConnectionResolver()
            : this(Environment.GetEnvironmentVariable, IsEc2Host)
        {
        }

        /// <param name="environment">Reads an environment variable (tests pass a dictionary).</param>
        /// <param name="isEc2Host">Whether the instance metadata service may be asked for a region and credentials.</param>
        public ConnectionResolver(Func<string, string?> environment, Func<bool> isEc2Host)
        {
            _environment = environment;
            _isEc2Host = isEc2Host;
        }

        public static bool IsValidRegion(string region) => RegionPattern.IsMatch(region);

        public ResolvedConnection Resolve(ConnectionOptions options)
        {
            var profiles = new CredentialProfileStoreChain(NonEmpty(options.ProfileLocation));
            string? profileName = NonEmpty(options.ProfileName) ?? Env("AWS_PROFILE");
            CredentialProfile? profile = null;
            if (profileName is not null && !TryGetProfile(profiles, profileName, options.ProfileLocation, out profile))
            {
                string from = options.ProfileName is not null ? "-ProfileName" : "AWS_PROFILE";
                throw new ConnectionConfigurationException(
                    "ProfileNotFound",
                    $"The profile '{profileName}' ({from}) was not found in the shared credentials or config file. List the profiles in {DescribeFiles(options.ProfileLocation)}, or pass an existing -ProfileName.");
            }

            if (profile is null)
            {
                TryGetProfile(profiles, "default", options.ProfileLocation, out profile);
            }

            (AWSCredentials? credentials, string credentialsKey, string credentialSource) = ResolveCredentials(options, profiles, profile);
            (string region, string regionSource) = ResolveRegion(options, profile);

            (string? endpointUrl, string endpointSource) = ResolveEndpoint(options, profile);
            var settings = new EcrConnectionSettings(region, endpointUrl, credentials, credentialsKey)
            {
                ProfileName = profile?.Name,
                ProfileLocation = NonEmpty(options.ProfileLocation),
                MaxAttempts = ResolveMaxAttempts(profile),
                RetryMode = ResolveRetryMode(profile),
                UseFips = Flag("AWS_USE_FIPS_ENDPOINT") ?? profile?.UseFIPSEndpoint,
                UseDualStack = Flag("AWS_USE_DUALSTACK_ENDPOINT") ?? profile?.UseDualstackEndpoint,
                Timeout = options.Timeout,
            };
            return new ResolvedConnection(settings, credentialSource, regionSource, endpointSource);
        }

        /// <summary>Reads a profile; a shared file that cannot be read or parsed is a clear error, not a crash.</summary>
        private static bool TryGetProfile(CredentialProfileStoreChain profiles, string name, string? location, out CredentialProfile? profile)
        {
            try
            {
                bool found = profiles.TryGetProfile(name, out CredentialProfile value);
                profile = value;
                return found;
            }
            catch (Exception problem) when (problem is IOException || problem is InvalidDataException || problem is UnauthorizedAccessException || problem is FormatException)
            {
                throw new ConnectionConfigurationException(
                    "ProfileUnreadable",
                    $"The shared credentials or config file ({DescribeFiles(location)}) could not be read: {problem.Message}");
            }
        }

        private (AWSCredentials? Credentials, string Key, string Source) ResolveCredentials(ConnectionOptions options, CredentialProfileStoreChain profiles, CredentialProfile? profile)
        {
            if (options.HasExplicitKeys)
            {
                return FromKeys(options.AccessKey, options.SecretKey, NonEmpty(options.SessionToken), options.ExplicitKeysSource);
            }

            if (NonEmpty(options.ProfileName) is not null)
            {
                return FromProfile(profiles, profile!, "-ProfileName", options.ProfileLocation);
            }

            if (Env("AWS_ACCESS_KEY_ID") is not null || Env("AWS_SECRET_ACCESS_KEY") is not null)
            {
                return FromKeys(Env("AWS_ACCESS_KEY_ID"), Env("AWS_SECRET_ACCESS_KEY"), Env("AWS_SESSION_TOKEN"), "the AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY environment variables");
            }

            if (profile is not null && profile.CanCreateAWSCredentials)
            {
                string from = Env("AWS_PROFILE") is not null ? "AWS_PROFILE" : "the default profile";
                return FromProfile(profiles, profile, from, options.ProfileLocation);
            }

            if (Env("AWS_WEB_IDENTITY_TOKEN_FILE") is not null && Env("AWS_ROLE_ARN") is not null)
            {
                return (AssumeRoleWithWebIdentityCredentials.FromEnvironmentVariables(), "web-identity:" + Env("AWS_ROLE_ARN"), "the web identity token (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN)");
            }

            if (Env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") is not null || Env("AWS_CONTAINER_CREDENTIALS_FULL_URI") is not null)
            {
                return (new GenericContainerCredentials(), "container", "the container credentials endpoint");
            }

            if (MayUseInstanceMetadata())
            {
                return (new InstanceProfileAWSCredentials(), "instance", "the EC2 instance profile");
            }

            throw new ConnectionConfigurationException(
                "CredentialsNotFound",
                "No AWS credentials were found. Pass -ProfileName, -Credential or -AccessKey/-SecretKey, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a default profile ('aws configure').");
        }

        private (string Region, string Source) ResolveRegion(ConnectionOptions options, CredentialProfile? profile)
        {
            if (NonEmpty(options.Region) is string given)
            {
                return (given, "-Region");
            }

            foreach (string variable in new[] { "AWS_REGION", "AWS_DEFAULT_REGION" })
            {
                if (Env(variable) is string fromEnvironment)
                {
                    if (!IsValidRegion(fromEnvironment))
                    {
                        throw new ConnectionConfigurationException("RegionNotFound", $"{variable} is '{fromEnvironment}', which is not an AWS region name such as us-east-1.");
                    }

                    return (fromEnvironment, variable);
                }
            }

            if (profile?.Region is not null)
            {
                return (profile.Region.SystemName, $"profile '{profile.Name}'");
            }

            if (MayUseInstanceMetadata() && Amazon.Util.EC2InstanceMetadata.Region is { } instanceRegion)
            {
                return (instanceRegion.SystemName, "the EC2 instance metadata");
            }

            throw new ConnectionConfigurationException(
                "RegionNotFound",
                "No AWS region was found. Pass -Region (for example -Region us-east-1), set AWS_REGION or AWS_DEFAULT_REGION, or set region in your profile ('aws configure set region us-east-1').");
        }

        private int? ResolveMaxAttempts(CredentialProfile? profile)
        {
            if (Env("AWS_MAX_ATTEMPTS") is string text)
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int attempts) || attempts < 1)
                {
                    throw new ConnectionConfigurationException("InvalidRetrySetting", $"AWS_MAX_ATTEMPTS is '{text}'; it must be a whole number of at least 1.");
                }

                return attempts;
            }

            return profile?.MaxAttempts;
        }

        private RequestRetryMode? ResolveRetryMode(CredentialProfile? profile)
        {
            if (Env("AWS_RETRY_MODE") is string text)
            {
                switch (text.ToLowerInvariant())
                {
                    case "standard":
                        return RequestRetryMode.Standard;
                    case "adaptive":
                        return RequestRetryMode.Adaptive;
                    default:
                        throw new ConnectionConfigurationException("InvalidRetrySetting", $"AWS_RETRY_MODE is '{text}'; it must be standard or adaptive.");
                }
            }

            return profile?.RetryMode;
        }

        /// <summary>An explicit endpoint, else the environment's, else the profile's ([services] section, then endpoint_url).</summary>
        private (string? Url, string Source) ResolveEndpoint(ConnectionOptions options, CredentialProfile? profile)
        {
            if (NonEmpty(options.EndpointUrl) is string explicitUrl)
            {
                return (explicitUrl, $"-EndpointUrl ({explicitUrl})");
            }

            bool ignoreConfigured = Flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") ?? profile?.IgnoreConfiguredEndpointUrls ?? false;
            if (!ignoreConfigured)
            {
                foreach (string variable in new[] { "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL" })
                {
                    if (Env(variable) is string url)
                    {
                        return (url, $"{variable} ({url})");
                    }
                }

                if (profile?.Services is string services && ServicesSectionEndpoint(services) is string servicesUrl)
                {
                    return (servicesUrl, $"profile '{profile.Name}' [services {services}] ({servicesUrl})");
                }

                if (profile?.EndpointUrl is string profileUrl)
                {
                    return (profileUrl, $"profile '{profile.Name}' endpoint_url ({profileUrl})");
                }
            }

            return (null, "the region's ECR endpoint");
        }

        /// <summary>
        /// The <c>endpoint_url</c> under <c>ecr =</c> in the config file's <c>[services name]</c> section, read here so
        /// that the endpoint is known, and reported, before the client exists.
        /// </summary>
        private static string? ServicesSectionEndpoint(string sectionName)
        {
            string path = SharedCredentialsFile.DefaultConfigFilePath;
            if (!File.Exists(path))
            {
                return null;
            }

            bool inSection = false;
            bool inEcr = false;
            foreach (string rawLine in File.ReadAllLines(path))
            {
                string line = rawLine.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';')
                {
                    continue;
                }

                if (line[0] == '[')
                {
                    inSection = string.Equals(line.Trim('[', ']').Trim(), "services " + sectionName, StringComparison.Ordinal);
                    inEcr = false;
                    continue;
                }

                int equals = line.IndexOf('=');
                if (!inSection || equals < 0)
                {
                    continue;
                }

                string key = line.Substring(0, equals).Trim();
                string value = line.Substring(equals + 1).Trim();
                bool nested = rawLine.Length > 0 && char.IsWhiteSpace(rawLine[0]);
                if (!nested)
                {
                    inEcr = string.Equals(key, "ecr", StringComparison.OrdinalIgnoreCase) && value.Length == 0;
                }
                else if (inEcr && string.Equals(key, "endpoint_url", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
                {
                    return value;
                }
            }

            return null;
        }

        private static (AWSCredentials, string, string) FromKeys(string? accessKey, string? secretKey, string? sessionToken, string source)
        {
            if (NonEmpty(accessKey) is null || NonEmpty(secretKey) is null)
            {
                throw new ConnectionConfigurationException("IncompleteCredentials", $"Credentials from {source} need both an access key id and a secret access key (and -SessionToken only goes with them).");
            }

            AWSCredentials credentials = sessionToken is null
                ? new BasicAWSCredentials(accessKey, secretKey)
                : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
            return (credentials, $"keys:{accessKey}:{Fingerprint(secretKey + "\n" + sessionToken)}", source);
        }

        private static (AWSCredentials, string, string) FromProfile(CredentialProfileStoreChain profiles, CredentialProfile profile, string source, string? location)
        {
            if (!AWSCredentialsFactory.TryGetAWSCredentials(profile, profile.CredentialProfileStore ?? (ICredentialProfileSource)profiles, out AWSCredentials credentials))
            {
                throw new ConnectionConfigurationException(
                    "CredentialsNotFound",
                    $"The profile '{profile.Name}' ({source}) has no credentials EcrTools can use ({DescribeKind(profile)}). Give it aws_access_key_id/aws_secret_access_key, credential_process, role_arn with source_profile, or an SSO configuration.");
            }

            return (credentials, $"profile:{profile.Name}@{location}", $"profile '{profile.Name}' ({source}, {DescribeKind(profile)})");
        }

        /// <summary>The profiles of the shared files (or of the one file <paramref name="location"/>), with their kind of credentials.</summary>
        public static System.Collections.Generic.IEnumerable<(string Name, string Kind)> ListProfiles(string? location)
        {
            foreach (CredentialProfile profile in new CredentialProfileStoreChain(location).ListProfiles())
            {
                yield return (profile.Name, DescribeKind(profile));
            }
        }

        /// <summary>
        /// The regions the SDK knows, code and display name; not its pseudo-regions (aws-global, us-east-1-regional),
        /// which are no region to sign for.
        /// </summary>
        public static System.Collections.Generic.IEnumerable<(string Name, string DisplayName)> KnownRegions()
        {
            foreach (Amazon.RegionEndpoint region in Amazon.RegionEndpoint.EnumerableAllRegions)
            {
                if (IsValidRegion(region.SystemName))
                {
                    yield return (region.SystemName, region.DisplayName);
                }
            }
        }

        /// <summary>
        /// The kind of credentials a profile holds, for messages. AWSSDK.Core 4.1 throws for kinds missing from its
        /// description table (SSO, login, credential_source), so those fall back to the type's name.
        /// </summary>
        public static string DescribeKind(CredentialProfile profile)
        {
            try
            {
                return profile.CredentialDescription ?? "no credentials";
            }
            catch (System.Collections.Generic.KeyNotFoundException)
            {
                CredentialProfileOptions options = profile.Options;
                return options.SsoSession is not null || options.SsoStartUrl is not null ? "SSO"
                    : options.CredentialSource is not null ? "Assume role (credential_source)"
                    : "credentials";
            }
        }

        private bool MayUseInstanceMetadata() =>
            !string.Equals(Env("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase) && _isEc2Host();

        /// <summary>Linux EC2 instances say so in their DMI data; elsewhere the metadata service is not asked.</summary>
        private static bool IsEc2Host()
        {
            try
            {
                foreach (string path in new[] { "/sys/devices/virtual/dmi/id/sys_vendor", "/sys/devices/virtual/dmi/id/board_asset_tag" })
                {
                    if (File.Exists(path))
                    {
                        string value = File.ReadAllText(path).Trim();
                        if (value.IndexOf("Amazon EC2", StringComparison.OrdinalIgnoreCase) >= 0 || value.StartsWith("i-", StringComparison.Ordinal))
                        {
                            return true;
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
            {
                return false;
            }

            return false;
        }

        private static string Fingerprint(string secret)
        {
            using var sha = SHA256.Create();
            byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(secret));
            return Convert.ToBase64String(hash, 0, 12);
        }

        private static string DescribeFiles(string? location) =>
            NonEmpty(location) ?? "the AWS_SHARED_CREDENTIALS_FILE/AWS_CONFIG_FILE files (default ~/.aws/credentials and ~/.aws/config)";

        private string? Env(string name) => NonEmpty(_environment(name));

        private bool? Flag(string name) => Env(name) is string value ? string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) : null;

        private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
