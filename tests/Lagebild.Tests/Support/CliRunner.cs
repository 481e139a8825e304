using Lagebild.Cli;

namespace Lagebild.Tests.Support;

/// <summary>Runs the command line in-process with captured output and no environment.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = global::Lagebild.Cli.Cli.Run(args, new CliIo(stdout, stderr) { Env = _ => null, In = new StringReader("") });
        return (code, stdout.ToString(), stderr.ToString());
    }
}
