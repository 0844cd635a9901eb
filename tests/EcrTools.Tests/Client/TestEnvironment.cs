using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace EcrTools.Tests.Client
{
    /// <summary>
    /// Cuts the test process off from the machine's AWS settings before any test runs: no instance metadata, no
    /// config or credentials files, no AWS_* variables, no proxies. Tests give credentials and region explicitly.
    /// </summary>
    internal static class TestEnvironment
    {
        private static readonly string[] ClearedVariables =
        {
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_DEFAULTS_MODE", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
            "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
        };

        [ModuleInitializer]
        internal static void Isolate()
        {
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
            string missing = Path.Combine(Path.GetTempPath(), "ecrtools-tests-no-aws-config", Guid.NewGuid().ToString("N"));
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(missing, "config"));
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(missing, "credentials"));
            foreach (string name in ClearedVariables)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }
}
