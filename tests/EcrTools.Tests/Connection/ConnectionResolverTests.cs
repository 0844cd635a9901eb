using System;
using System.Collections.Generic;
using System.IO;
using Amazon.Runtime;
using EcrTools.Client.Connection;
using Xunit;

namespace EcrTools.Tests.Connection
{
    public sealed class ConnectionResolverTests : IDisposable
    {
        private readonly Dictionary<string, string> _environment = new Dictionary<string, string>();
        private readonly string _credentialsFile = Path.Combine(Path.GetTempPath(), $"ecrtools-credentials-{Guid.NewGuid():N}");

        public ConnectionResolverTests()
        {
            File.WriteAllText(_credentialsFile, string.Join("\n",
                "[default]", "aws_access_key_id = AKIDDEFAULT", "aws_secret_access_key = secret-default", "region = ca-central-1", "",
                "[named]", "aws_access_key_id = AKIDNAMED", "aws_secret_access_key = secret-named", "region = eu-north-1", "max_attempts = 7", "retry_mode = adaptive", "",
                "[fromenv]", "aws_access_key_id = AKIDENVPROFILE", "aws_secret_access_key = secret-envprofile", ""));
        }

        public void Dispose() => File.Delete(_credentialsFile);

        [Fact]
        public void ExplicitKeysComeFirst()
        {
            _environment["AWS_ACCESS_KEY_ID"] = "AKIDENV";
            _environment["AWS_SECRET_ACCESS_KEY"] = "secret-env";
            ResolvedConnection connection = Resolve(new ConnectionOptions { AccessKey = "AKIDEXPLICIT", SecretKey = "secret", SessionToken = "token", ProfileName = "named", Region = "us-east-1" });
            Assert.Equal("AKIDEXPLICIT", Key(connection));
            Assert.Equal("token", connection.Settings.Credentials!.GetCredentials().Token);
            Assert.Equal("-AccessKey/-SecretKey", connection.CredentialSource);
        }

        [Fact]
        public void AProfileNameComesBeforeTheEnvironmentAndGivesItsRegionAndRetrySettings()
        {
            _environment["AWS_ACCESS_KEY_ID"] = "AKIDENV";
            _environment["AWS_SECRET_ACCESS_KEY"] = "secret-env";
            ResolvedConnection connection = Resolve(new ConnectionOptions { ProfileName = "named" });
            Assert.Equal("AKIDNAMED", Key(connection));
            Assert.Equal("eu-north-1", connection.Settings.Region);
            Assert.Equal(7, connection.Settings.MaxAttempts);
            Assert.Equal(RequestRetryMode.Adaptive, connection.Settings.RetryMode);
        }

        [Fact]
        public void EnvironmentKeysComeBeforeAwsProfile()
        {
            _environment["AWS_ACCESS_KEY_ID"] = "AKIDENV";
            _environment["AWS_SECRET_ACCESS_KEY"] = "secret-env";
            _environment["AWS_PROFILE"] = "fromenv";
            Assert.Equal("AKIDENV", Key(Resolve(new ConnectionOptions { Region = "us-east-1" })));
        }

        [Fact]
        public void AwsProfileComesBeforeTheDefaultProfile()
        {
            _environment["AWS_PROFILE"] = "fromenv";
            ResolvedConnection connection = Resolve(new ConnectionOptions { Region = "us-east-1" });
            Assert.Equal("AKIDENVPROFILE", Key(connection));
            Assert.Contains("AWS_PROFILE", connection.CredentialSource);
        }

        [Fact]
        public void TheDefaultProfileComesLast()
        {
            ResolvedConnection connection = Resolve(new ConnectionOptions());
            Assert.Equal("AKIDDEFAULT", Key(connection));
            Assert.Equal("ca-central-1", connection.Settings.Region);
        }

        [Theory]
        [InlineData("named", null, "-ProfileName")]
        [InlineData(null, "nosuch", "AWS_PROFILE")]
        public void AnUnknownProfileIsAnErrorNeverAFallThrough(string? option, string? variable, string source)
        {
            if (variable is not null)
            {
                _environment["AWS_PROFILE"] = variable;
            }

            var problem = Assert.Throws<ConnectionConfigurationException>(() => Resolve(new ConnectionOptions { ProfileName = option is null ? null : "missing-" + option }));
            Assert.Equal("ProfileNotFound", problem.Reason);
            Assert.Contains(source, problem.Message);
        }

        [Fact]
        public void RegionComesFromTheParameterThenAwsRegionThenAwsDefaultRegionThenTheProfile()
        {
            _environment["AWS_REGION"] = "us-west-1";
            _environment["AWS_DEFAULT_REGION"] = "us-west-2";
            Assert.Equal("eu-west-2", Resolve(new ConnectionOptions { Region = "eu-west-2" }).Settings.Region);
            Assert.Equal("us-west-1", Resolve(new ConnectionOptions()).Settings.Region);
            _environment.Remove("AWS_REGION");
            Assert.Equal("us-west-2", Resolve(new ConnectionOptions()).Settings.Region);
            _environment.Remove("AWS_DEFAULT_REGION");
            Assert.Equal("ca-central-1", Resolve(new ConnectionOptions()).Settings.Region);
        }

        [Fact]
        public void NoRegionFailsAtOnceWithoutAskingInstanceMetadataOffEc2()
        {
            bool asked = false;
            File.WriteAllText(_credentialsFile, "[default]\naws_access_key_id = A\naws_secret_access_key = B\n");
            var resolver = new ConnectionResolver(name => _environment.TryGetValue(name, out string? value) ? value : null, () => asked = true);
            var problem = Assert.Throws<ConnectionConfigurationException>(() => resolver.Resolve(new ConnectionOptions { ProfileLocation = _credentialsFile }));
            Assert.Equal("RegionNotFound", problem.Reason);
            Assert.Contains("-Region", problem.Message);
            Assert.True(asked, "the EC2 check decides whether metadata is asked");
        }

        [Fact]
        public void EndpointComesFromTheParameterThenAwsEndpointUrlEcrThenAwsEndpointUrl()
        {
            _environment["AWS_ENDPOINT_URL"] = "http://global.example/";
            Assert.Equal("http://global.example/", Resolve(new ConnectionOptions { Region = "us-east-1" }).Settings.EndpointUrl);
            _environment["AWS_ENDPOINT_URL_ECR"] = "http://ecr.example/";
            Assert.Equal("http://ecr.example/", Resolve(new ConnectionOptions { Region = "us-east-1" }).Settings.EndpointUrl);
            Assert.Equal("http://given.example/", Resolve(new ConnectionOptions { Region = "us-east-1", EndpointUrl = "http://given.example/" }).Settings.EndpointUrl);
            _environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
            Assert.Null(Resolve(new ConnectionOptions { Region = "us-east-1" }).Settings.EndpointUrl);
        }

        [Fact]
        public void RetrySettingsComeFromTheEnvironmentBeforeTheProfile()
        {
            _environment["AWS_MAX_ATTEMPTS"] = "10";
            _environment["AWS_RETRY_MODE"] = "standard";
            EcrConnectionSettings settings = Resolve(new ConnectionOptions { ProfileName = "named" }).Settings;
            Assert.Equal(10, settings.MaxAttempts);
            Assert.Equal(RequestRetryMode.Standard, settings.RetryMode);
            Assert.Equal(9, EcrClientPool.CreateConfig(settings).MaxErrorRetry);
        }

        [Theory]
        [InlineData("AWS_MAX_ATTEMPTS", "0")]
        [InlineData("AWS_MAX_ATTEMPTS", "many")]
        [InlineData("AWS_RETRY_MODE", "legacy")]
        public void MalformedRetrySettingsAreErrors(string name, string value)
        {
            _environment[name] = value;
            Assert.Equal("InvalidRetrySetting", Assert.Throws<ConnectionConfigurationException>(() => Resolve(new ConnectionOptions { Region = "us-east-1" })).Reason);
        }

        [Fact]
        public void SettingsWithTheSameSourcesShareOneClientAndDifferentSecretsDoNot()
        {
            EcrConnectionSettings a = Resolve(new ConnectionOptions { AccessKey = "AKID", SecretKey = "one", Region = "us-east-1" }).Settings;
            EcrConnectionSettings b = Resolve(new ConnectionOptions { AccessKey = "AKID", SecretKey = "one", Region = "us-east-1" }).Settings;
            EcrConnectionSettings c = Resolve(new ConnectionOptions { AccessKey = "AKID", SecretKey = "two", Region = "us-east-1" }).Settings;
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
            Assert.DoesNotContain("one", a.CredentialsKey.Replace("AKID", string.Empty));
            Assert.Same(EcrClientPool.Get(a), EcrClientPool.Get(b));
        }

        [Fact]
        public void ExplicitEndpointsSignWithTheResolvedRegion()
        {
            EcrConnectionSettings settings = Resolve(new ConnectionOptions { Region = "eu-central-1", EndpointUrl = "http://127.0.0.1:1/" }).Settings;
            Assert.Equal("eu-central-1", EcrClientPool.CreateConfig(settings).AuthenticationRegion);
        }

        [Fact]
        public void AMalformedRegionNameIsRecognised()
        {
            Assert.True(ConnectionResolver.IsValidRegion("us-gov-west-1"));
            Assert.True(ConnectionResolver.IsValidRegion("eu-isoe-west-1"));
            Assert.False(ConnectionResolver.IsValidRegion("useast1"));
            Assert.False(ConnectionResolver.IsValidRegion("US-EAST-1"));
        }

        private ResolvedConnection Resolve(ConnectionOptions options)
        {
            options.ProfileLocation ??= _credentialsFile;
            var resolver = new ConnectionResolver(name => _environment.TryGetValue(name, out string? value) ? value : null, () => false);
            return resolver.Resolve(options);
        }

        private static string Key(ResolvedConnection connection) => connection.Settings.Credentials!.GetCredentials().AccessKey;
    }
}
