namespace Parley.Cli;

/// <summary>Entry point of the <c>parley</c> tool.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        return ParleyApp.Run(args, Console.Out, Console.Error, interactive: !Console.IsErrorRedirected, outputIsTerminal: !Console.IsOutputRedirected);
    }
}
