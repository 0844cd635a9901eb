using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using EcrTools.Binding;
using EcrTools.Client;
using EcrTools.Client.Connection;

namespace EcrTools.Commands
{
    /// <summary>
    /// The parameters and plumbing every EcrTools cmdlet shares: credentials, region and endpoint, a client shared
    /// across the session, cancellation on Ctrl+C, and waiting for requests on the pipeline thread. The parameters
    /// carry the aliases the AWS.Tools modules give them (-AK, -SK, -ST, -StoredCredentials, -ProfilesLocation, ...),
    /// so their commands' connection arguments work here unchanged.
    /// </summary>
    public abstract class EcrCmdlet : PSCmdlet
    {
        private static readonly ConcurrentDictionary<Type, KeyValuePair<string, EcrValidateAttribute>[]> EmptyFromPipelineParameters =
            new ConcurrentDictionary<Type, KeyValuePair<string, EcrValidateAttribute>[]>();

        private CancellationTokenSource? _cancellation;
        private IEcrClient? _client;

        /// <summary>The AWS region. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.</summary>
        [Parameter]
        [Alias("RegionToCall")]
        [ValidateNotNullOrEmpty]
        [ValidateRegion]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string? Region { get; set; }

        /// <summary>A profile in the shared credentials or config file.</summary>
        [Parameter]
        [Alias("StoredCredentials", "AWSProfileName")]
        [ValidateNotNullOrEmpty]
        [ValidateNotBlank]
        [ArgumentCompleter(typeof(ProfileCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>The shared credentials file to read profiles from, instead of the default.</summary>
        [Parameter]
        [Alias("AWSProfilesLocation", "ProfilesLocation")]
        [ValidateNotNullOrEmpty]
        [ValidateNotBlank]
        public string? ProfileLocation { get; set; }

        /// <summary>An access key id, with -SecretKey.</summary>
        [Parameter]
        [Alias("AK")]
        [ValidateNotNullOrEmpty]
        public string? AccessKey { get; set; }

        /// <summary>A secret access key, with -AccessKey.</summary>
        [Parameter]
        [Alias("SK", "SecretAccessKey")]
        [ValidateNotNullOrEmpty]
        public string? SecretKey { get; set; }

        /// <summary>A session token, with -AccessKey and -SecretKey, for temporary credentials.</summary>
        [Parameter]
        [Alias("ST")]
        [ValidateNotNullOrEmpty]
        public string? SessionToken { get; set; }

        /// <summary>Credentials as a PSCredential: the user name is the access key id, the password the secret key.</summary>
        [Parameter]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>An endpoint to send requests to instead of the region's ECR endpoint.</summary>
        [Parameter]
        [ValidateNotNull]
        [ValidateEndpointUrl]
        public Uri? EndpointUrl { get; set; }

        /// <summary>How long one request may wait for the endpoint, in seconds; by default 100.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int? TimeoutSec { get; set; }

        protected CancellationToken CancellationToken => _cancellation?.Token ?? CancellationToken.None;

        /// <summary>The shared client for this command line's connection settings, resolved on first use.</summary>
        protected IEcrClient Client => _client ??= ConnectClient();

        protected override void BeginProcessing()
        {
            _cancellation = new CancellationTokenSource();
            RefuseEmptyCommandLineValues();
        }

        protected override void StopProcessing()
        {
            _cancellation?.Cancel();
        }

        /// <summary>
        /// An empty value of a parameter that takes one from the pipeline as "not given" (EmptyFromPipeline) is refused
        /// when it is given on the command line, as the binder refuses any invalid value: the parameters bound before
        /// BeginProcessing are the command line's, pipeline input binds later.
        /// </summary>
        private void RefuseEmptyCommandLineValues()
        {
            foreach (KeyValuePair<string, EcrValidateAttribute> parameter in EmptyFromPipelineParameters.GetOrAdd(GetType(), FindEmptyFromPipelineParameters))
            {
                if (MyInvocation.BoundParameters.TryGetValue(parameter.Key, out object? value)
                    && (value as string == string.Empty || (value is string[] values && Array.IndexOf(values, string.Empty) >= 0)))
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument(parameter.Key, parameter.Value.Check(string.Empty)!, value));
                }
            }
        }

        private static KeyValuePair<string, EcrValidateAttribute>[] FindEmptyFromPipelineParameters(Type command) =>
            command.GetProperties()
                .Select(property => new KeyValuePair<string, EcrValidateAttribute?>(property.Name, property.GetCustomAttributes(typeof(EcrValidateAttribute), true).Cast<EcrValidateAttribute>().FirstOrDefault(attribute => attribute.EmptyFromPipeline)))
                .Where(parameter => parameter.Value is not null)
                .Select(parameter => new KeyValuePair<string, EcrValidateAttribute>(parameter.Key, parameter.Value!))
                .ToArray();

        /// <summary>Waits for a task on the pipeline thread, so output and errors are written from it.</summary>
        protected static T Await<T>(Task<T> task) => task.GetAwaiter().GetResult();

        /// <summary>
        /// Writes a failed request's error, for this input only; refused credentials or an endpoint that cannot be
        /// reached would fail every other input alike, so they end the command instead.
        /// </summary>
        protected void WriteRequestError(ErrorRecord error)
        {
            if (ErrorRecords.FailsEveryRequest(error))
            {
                ThrowTerminatingError(error);
            }

            WriteError(error);
        }

        private IEcrClient ConnectClient()
        {
            ConnectionOptions options = ConnectionOptionsBinding.From(MyInvocation.BoundParameters);
            options.Timeout = TimeoutSec is int seconds ? TimeSpan.FromSeconds(seconds) : null;
            if (options.ProfileLocation is not null)
            {
                options.ProfileLocation = GetUnresolvedProviderPathFromPSPath(options.ProfileLocation);
            }

            ResolvedConnection connection;
            try
            {
                connection = new ConnectionResolver().Resolve(options);
            }
            catch (ConnectionConfigurationException problem)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new EcrConfigurationException(problem.Message, problem.Reason, problem),
                    problem.Reason,
                    problem.Reason == "CredentialsNotFound" || problem.Reason == "IncompleteCredentials" ? ErrorCategory.AuthenticationError : ErrorCategory.InvalidArgument,
                    null));
                throw; // not reached: ThrowTerminatingError throws
            }

            WriteVerbose(connection.ToString());
            return EcrClientPool.Get(connection.Settings);
        }
    }
}
