using System;
using System.Collections.Generic;
using System.Management.Automation;
using EcrTools.Client;
using EcrTools.Client.Model;

namespace EcrTools.Commands
{
    /// <summary>Lists the image ids (digest and tag) of a repository across all pages: ECR ListImages.</summary>
    [Cmdlet(VerbsCommon.Get, "EcrImageId")]
    [OutputType(typeof(EcrImageId))]
    public sealed class GetEcrImageIdCommand : EcrCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string RepositoryName { get; set; } = string.Empty;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[0-9]{12}$")]
        public string? RegistryId { get; set; }

        protected override void ProcessRecord()
        {
            var request = new ListImagesRequest { RepositoryName = RepositoryName, RegistryId = RegistryId };
            try
            {
                foreach (ListImagesResponse page in Synchronously(EcrPaginator.ListImagesPagesAsync(Client, request, CancellationToken)))
                {
                    foreach (ImageIdentifier id in page.ImageIds ?? new List<ImageIdentifier>())
                    {
                        WriteObject(new EcrImageId
                        {
                            RegistryId = RegistryId,
                            RepositoryName = RepositoryName,
                            ImageDigest = id.ImageDigest,
                            ImageTag = id.ImageTag,
                        });
                    }
                }
            }
            catch (Exception exception) when (exception is not PipelineStoppedException)
            {
                WriteError(ErrorRecords.FromException(exception, RepositoryName));
            }
        }
    }
}
