using System;
using System.IO;
using System.Linq;
using Xunit;

namespace EcrTools.Tests.Client
{
    /// <summary>
    /// AWSSDK.Core's semi-internal types stay in one folder, src/EcrTools.Client/SdkInternal, so a Core upgrade
    /// touches one place.
    /// </summary>
    public class SdkInternalBoundaryTests
    {
        [Fact]
        public void OnlySdkInternalMentionsAmazonRuntimeInternal()
        {
            string clientSource = Path.Combine(RepositoryRoot(), "src", "EcrTools.Client");
            string sdkInternal = Path.Combine(clientSource, "SdkInternal") + Path.DirectorySeparatorChar;
            string[] sources = Directory.EnumerateFiles(clientSource, "*.cs", SearchOption.AllDirectories)
                .Where(path => !IsBuildOutput(clientSource, path))
                .ToArray();

            string[] offenders = sources
                .Where(path => !path.StartsWith(sdkInternal, StringComparison.Ordinal))
                .Where(path => File.ReadAllText(path).Contains("Amazon.Runtime.Internal", StringComparison.Ordinal))
                .Select(path => Path.GetRelativePath(clientSource, path))
                .ToArray();

            Assert.Contains(sources, path => path.StartsWith(sdkInternal, StringComparison.Ordinal));
            Assert.True(offenders.Length == 0, "Amazon.Runtime.Internal outside SdkInternal:\n" + string.Join("\n", offenders));
        }

        private static bool IsBuildOutput(string projectDirectory, string path)
        {
            string first = Path.GetRelativePath(projectDirectory, path).Split(Path.DirectorySeparatorChar)[0];
            return first == "bin" || first == "obj";
        }

        private static string RepositoryRoot()
        {
            for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "EcrTools.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new DirectoryNotFoundException("No folder above the test assembly holds EcrTools.sln.");
        }
    }
}
