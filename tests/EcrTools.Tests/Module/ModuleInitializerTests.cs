using System.IO;
using System.Reflection;
using Xunit;

namespace EcrTools.Tests.Module
{
    public class ModuleInitializerTests
    {
        [Fact]
        public void AnswersARequestForAShippedAssemblyWithTheShippedFileWhateverTheVersion()
        {
            string directory = Directory.CreateTempSubdirectory("ecrtools-bin-").FullName;
            try
            {
                string shipped = Path.Combine(directory, "System.Memory.dll");
                File.WriteAllBytes(shipped, new byte[] { 0 });

                Assert.Equal(shipped, ModuleInitializer.ShippedAssemblyPath(directory, new AssemblyName("System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51")));
                Assert.Equal(shipped, ModuleInitializer.ShippedAssemblyPath(directory, new AssemblyName("System.Memory, Version=4.0.5.0")));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        [Theory]
        [InlineData("Not.Shipped")]
        [InlineData("System.Management.Automation")]
        public void LeavesEveryOtherRequestAlone(string name)
        {
            string directory = Directory.CreateTempSubdirectory("ecrtools-bin-").FullName;
            try
            {
                Assert.Null(ModuleInitializer.ShippedAssemblyPath(directory, new AssemblyName(name)));
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
