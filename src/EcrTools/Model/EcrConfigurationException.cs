using System;

namespace EcrTools
{
    /// <summary>
    /// The connection could not be set up before any request: no credentials or region, an unknown or unreadable
    /// profile, keys given by halves. <see cref="Reason"/> is the error id (CredentialsNotFound, RegionNotFound, ...);
    /// <c>catch [EcrTools.EcrConfigurationException]</c> catches them all.
    /// </summary>
    public sealed class EcrConfigurationException : Exception
    {
        public EcrConfigurationException(string message, string reason, Exception innerException)
            : base(message, innerException)
        {
            Reason = reason;
        }

        /// <summary>What is missing or wrong, as the error id names it.</summary>
        public string Reason { get; }
    }
}
