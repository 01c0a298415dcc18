using System.Net;

namespace Parley.Web.Hosting;

/// <summary>Tells loopback addresses from others, and writes an address into a URL.</summary>
public static class HostAddress
{
    /// <summary>True for <c>localhost</c> and every address in 127.0.0.0/8 or <c>::1</c>.</summary>
    public static bool IsLoopback(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    /// <summary>True when <paramref name="host"/> is an IP address or <c>localhost</c> (what Kestrel can bind to).</summary>
    public static bool IsValid(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host.Trim('[', ']'), out _);

    /// <summary>The host as written in a URL: IPv6 addresses in brackets; the unspecified address as localhost.</summary>
    public static string ForUrl(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                return "localhost";
            }

            return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        }

        return host;
    }
}
