using System.CommandLine;
using Lagebild.Cli.Commands;

namespace Lagebild.Cli;

/// <summary>Where the CLI writes, and whether each stream is a terminal (tests pass writers).</summary>
public sealed record CliIo(TextWriter Out, TextWriter Error, bool OutRedirected = true, bool ErrorRedirected = true)
{
    /// <summary>Standard input for "-"; null means the process's own.</summary>
    public TextReader? In { get; init; }

    /// <summary>Environment lookup (tests replace it).</summary>
    public Func<string, string?> Env { get; init; } = Environment.GetEnvironmentVariable;
}

/// <summary>Process exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Bad input: nothing could be read, a store that cannot be opened, a missing file.</summary>
    public const int BadInput = 1;
    /// <summary>Bad usage: unknown command or option, missing argument.</summary>
    public const int Usage = 2;
    /// <summary>A fault of lagebild itself (a bug): reported in one line, the trace only with LAGEBILD_DEBUG=1.</summary>
    public const int Internal = 70;
}

/// <summary>The <c>lagebild</c> command line: parses arguments, runs a command, maps failures to exit codes.</summary>
public static class Cli
{
    public static int Run(string[] args, CliIo io)
    {
        var storeOption = new Option<string?>("--store")
        {
            Description = "The store: an SQLite file, or a PostgreSQL connection string (postgres://user@host:5432/db or Host=…;Database=…) "
                + "(default: $LAGEBILD_STORE, else ~/.local/share/lagebild/lagebild.db)",
            Recursive = true,
            HelpName = "FILE|URL",
        };
        var root = new RootCommand("Lagebild: news articles in, sourced event facts out — who was arrested, killed, injured, deployed or evacuated, where, when, according to whom.")
        {
            storeOption,
        };
        var context = new CommandContext(io, storeOption);
        root.Add(ExtractCommand.Create(context));
        root.Add(IngestCommand.Create(context));
        root.Add(WatchCommand.Create(context));
        root.Add(ClusterCommand.Create(context));
        root.Add(StoriesCommand.Create(context));
        root.Add(ExportCommand.Create(context));
        root.Add(SearchCommand.Create(context));
        root.Add(ServeCommand.Create(context));
        root.Add(ReportCommand.Create(context));
        root.Add(EntitiesCommand.Create(context));
        root.Add(EvalCommand.Create(context));
        root.Add(GazetteerCommand.Create(context));
        root.Add(TrainCommand.Create(context));
        root.Add(TagCommand.Create(context));

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors)
                io.Error.WriteLine($"lagebild: {e.Message}");
            io.Error.WriteLine($"Try '{string.Join(' ', CommandPath(parsed))} --help'.");
            return ExitCodes.Usage;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = io.Out, Error = io.Error, EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            io.Error.WriteLine($"lagebild: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine($"lagebild: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("LAGEBILD_DEBUG") != "1")
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
            io.Error.WriteLine($"lagebild: internal error ({inner.GetType().Name}: {inner.Message}). This is a bug in lagebild; "
                + "please report it with the command and input. LAGEBILD_DEBUG=1 prints the stack trace.");
            return ExitCodes.Internal;
        }
    }

    private static IEnumerable<string> CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var r = parsed.CommandResult; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command is RootCommand ? "lagebild" : r.Command.Name);
        return names;
    }
}

/// <summary>An expected failure with a one-line message and an exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
