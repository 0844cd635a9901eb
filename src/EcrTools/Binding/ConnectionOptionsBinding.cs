using System.Collections;
using System.Management.Automation;
using EcrTools.Client.Connection;

namespace EcrTools.Binding
{
    /// <summary>The connection parameters of a command line (bound, or partly typed for completion) as resolver options.</summary>
    internal static class ConnectionOptionsBinding
    {
        public static ConnectionOptions From(IDictionary bound)
        {
            var options = new ConnectionOptions
            {
                Region = bound["Region"] as string,
                ProfileName = bound["ProfileName"] as string,
                ProfileLocation = bound["ProfileLocation"] as string,
                AccessKey = bound["AccessKey"] as string,
                SecretKey = bound["SecretKey"] as string,
                SessionToken = bound["SessionToken"] as string,
                EndpointUrl = bound["EndpointUrl"]?.ToString(),
            };
            // [pscredential]::Empty is PowerShell's "no credential".
            if (bound["Credential"] is PSCredential credential && credential != PSCredential.Empty && options.AccessKey is null)
            {
                options.AccessKey = credential.UserName ?? string.Empty;
                options.SecretKey = credential.GetNetworkCredential()?.Password ?? string.Empty;
                options.ExplicitKeysSource = "-Credential";
            }

            return options;
        }
    }
}
