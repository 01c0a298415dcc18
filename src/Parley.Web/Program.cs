namespace Parley.Web;

/// <summary>
/// Runs the server on its own (<c>dotnet run --project src/Parley.Web</c>, or a test host): options
/// from configuration (<c>--Parley:Database=FILE</c>, <c>--urls</c>). <c>parley serve</c> is the
/// command users run; it builds the same server through <see cref="ParleyServer.Create"/>.
/// </summary>
#pragma warning disable CA1052 // Not static: WebApplicationFactory<Program> needs a type argument.
public sealed class Program
#pragma warning restore CA1052
{
    private Program()
    {
    }

    /// <summary>Builds and runs the server.</summary>
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        ParleyServer.Configure(builder);
        var app = builder.Build();
        ParleyServer.Map(app);
        app.Run();
    }
}
