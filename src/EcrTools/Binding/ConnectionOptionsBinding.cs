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
            if (bound["Credential"] is PSCredential credential && options.AccessKey is null)
            {
                options.AccessKey = credential.UserName;
                options.SecretKey = credential.GetNetworkCredential().Password;
                options.ExplicitKeysSource = "-Credential";
            }

            return options;
        }
    }
}
