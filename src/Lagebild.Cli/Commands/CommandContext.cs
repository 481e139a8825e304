using System.CommandLine;
using Lagebild.Ingest;
using Lagebild.Storage;

namespace Lagebild.Cli.Commands;

/// <summary>What every command shares: the IO and the global options.</summary>
public sealed class CommandContext(CliIo io, Option<string?> storeOption)
{
    public CliIo Io { get; } = io;

    public Option<string?> StoreOption { get; } = storeOption;

    /// <summary>The store: --store (a file, or a PostgreSQL connection string), else $LAGEBILD_STORE, else the user's data folder.</summary>
    public string StorePath(ParseResult parsed)
    {
        var path = parsed.GetValue(StoreOption) ?? Io.Env("LAGEBILD_STORE");
        if (!string.IsNullOrWhiteSpace(path))
            return path;
        return Path.Combine(DataFolder(Io.Env), "lagebild", "lagebild.db");
    }

    /// <summary>The user's data folder: $XDG_DATA_HOME, else ~/.local/share.</summary>
    public static string DataFolder(Func<string, string?> env)
    {
        var data = env("XDG_DATA_HOME");
        return string.IsNullOrWhiteSpace(data)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : data;
    }

    /// <summary>The PATH argument every reading command takes; an unknown "--option" in it is a usage error, not a file name.</summary>
    public static Argument<string[]> PathsArgument(ArgumentArity arity, string description, string name = "PATH")
    {
        var paths = new Argument<string[]>(name) { Arity = arity, Description = description };
        paths.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value.StartsWith('-') && !File.Exists(token.Value))
                    result.AddError($"unknown option '{token.Value}'");
            }
        });
        return paths;
    }

    /// <summary>Opens the store, turning a store error into a one-line CLI error.</summary>
    public IArticleStore OpenStore(string path)
    {
        try
        {
            return ArticleStores.Open(path);
        }
        catch (StoreException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Opens a store that must hold articles already: a missing file is a usage error, not a new empty store.</summary>
    public IArticleStore OpenExistingStore(string path)
    {
        if (!ArticleStores.IsServer(path) && !File.Exists(path))
            throw new CliException($"no store at {path}; run `lagebild ingest PATH…` first (or pass --store FILE|postgres://…)");
        return OpenStore(path);
    }

    /// <summary>Options every reading command takes: the size limit and whether feeds fetch their linked pages.</summary>
    public sealed class ReadSettings
    {
        public Option<long> MaxBytes { get; } = new("--max-bytes")
        {
            Description = "Refuse files, downloads and stdin larger than this many bytes",
            DefaultValueFactory = _ => new ReadOptions().MaxFileBytes,
            HelpName = "BYTES",
        };

        public Option<bool> FetchLinked { get; } = new("--fetch-linked")
        {
            Description = "For feed items, fetch the linked page and use its main text when it is longer",
        };

        public ReadSettings()
        {
            MaxBytes.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<long>() <= 0)
                    r.AddError("--max-bytes must be a positive number of bytes");
            });
        }

        /// <summary>Adds the options to a command (the option objects are shared; each command parses its own).</summary>
        public void AddTo(Command command)
        {
            command.Add(MaxBytes);
            command.Add(FetchLinked);
        }
    }

    public ReadSettings Read { get; } = new();

    /// <summary>A reader configured from the command line.</summary>
    public ArticleReader Reader(ParseResult parsed) => new(ReadingOptions(parsed));

    /// <summary>The reading options of the command line (for a command that makes several readers).</summary>
    public ReadOptions ReadingOptions(ParseResult parsed) => new()
    {
        Stdin = Io.In,
        MaxFileBytes = parsed.GetValue(Read.MaxBytes),
        FetchLinkedPages = parsed.GetValue(Read.FetchLinked),
    };

    /// <summary>Writes an input problem as one line on stderr.</summary>
    public void Warn(InputProblem problem) => Io.Error.WriteLine(problem.IsNotice ? $"lagebild: note: {problem}" : $"lagebild: {problem}");
}
