using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Lagebild.Cli.Watch;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild watch FEED-URL|FILE…</c>: poll RSS/Atom feeds (URLs or files) and ingest their new items into the
/// store as <c>ingest</c> does, until Ctrl+C or SIGTERM (or once with <c>--once</c>). See <see cref="FeedWatcher"/>.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(CommandContext ctx)
    {
        var feeds = CommandContext.PathsArgument(ArgumentArity.OneOrMore, "Feed URLs (http, https) or feed files (RSS, Atom; other article files work too)", "FEED-URL|FILE");
        feeds.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                string f = token.Value;
                if (f == "-")
                    result.AddError("watch cannot read stdin ('-'): give feed URLs or files");
                else if (!FeedWatcher.IsWebUrl(f) && f.Contains("://", StringComparison.Ordinal))
                    result.AddError($"'{f}': only http and https URLs can be watched");
                else if (!FeedWatcher.IsWebUrl(f) && Directory.Exists(f))
                    result.AddError($"'{f}' is a folder: watch takes feed files and URLs (use `lagebild ingest` for folders)");
            }
        });
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between two polls of a feed",
            DefaultValueFactory = _ => 300,
            HelpName = "SECONDS",
        };
        var maxBackoff = new Option<double>("--max-backoff")
        {
            Description = "After failures a feed waits interval × 2ⁿ, at most this many seconds (a server's Retry-After up to a day is honoured)",
            DefaultValueFactory = _ => 3600,
            HelpName = "SECONDS",
        };
        foreach (var o in new[] { interval, maxBackoff })
        {
            o.Validators.Add(r =>
            {
                double v = r.GetValueOrDefault<double>();
                if (!(v >= 1) || double.IsInfinity(v))
                    r.AddError($"{o.Name} must be at least 1 second");
            });
        }
        var once = new Option<bool>("--once") { Description = "Poll every feed once, then exit (for scripts and cron)" };
        var state = new Option<string?>("--state")
        {
            Description = "File that remembers the items already read and the servers' ETag/Last-Modified "
                + "(default: STORE.watch.json next to the store file; for a store that is no file, lagebild/watch-HASH.json in the data folder)",
            HelpName = "FILE",
        };
        var quiet = new Option<bool>("--quiet") { Description = "Print a line only for feeds with new items (errors are always printed)" };
        var cmd = new Command("watch", "Poll RSS/Atom feeds and ingest their new items into the store; resumes where it stopped, backs off from failing feeds")
        {
            feeds, interval, maxBackoff, once, state, quiet,
        };
        ctx.Read.AddTo(cmd);
        var settings = new ClusterCommand.Settings();
        settings.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var io = ctx.Io;
            string storePath = ctx.StorePath(parsed);
            using var store = ctx.OpenStore(storePath);
            var options = new WatchOptions
            {
                Feeds = parsed.GetValue(feeds)!,
                StatePath = parsed.GetValue(state) ?? WatchState.DefaultPath(storePath, io.Env),
                Interval = TimeSpan.FromSeconds(parsed.GetValue(interval)),
                MaxBackoff = TimeSpan.FromSeconds(parsed.GetValue(maxBackoff)),
                Read = ctx.ReadingOptions(parsed),
                Cluster = settings.Options(parsed),
                Quiet = parsed.GetValue(quiet),
            };
            using var stop = new CancellationTokenSource();
            using var signals = new StopSignals(stop, io.Error);
            var watcher = new FeedWatcher(options, store, io.Out, io.Error, ctx.Warn);
            return watcher.Run(parsed.GetValue(once), stop.Token);
        });
        return cmd;
    }

    /// <summary>
    /// Ctrl+C (SIGINT) and SIGTERM ask the watcher to stop after what it is storing, so the stories and the state are
    /// committed; a second signal ends the process at once (nothing is torn: the store and the state file are written
    /// atomically).
    /// </summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly List<PosixSignalRegistration> _registrations = [];
        private int _count;

        public StopSignals(CancellationTokenSource stop, TextWriter error)
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
            {
                try
                {
                    _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                    {
                        if (Interlocked.Increment(ref _count) > 1)
                            return; // the second time: let the default handling end the process
                        context.Cancel = true;
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"watch: {context.Signal}: stopping after the current feed (again to stop at once)"));
                        stop.Cancel();
                    }));
                }
                catch (Exception e) when (e is PlatformNotSupportedException or IOException)
                {
                    // Without the registration the signal ends the process as usual; the writes stay atomic.
                }
            }
        }

        public void Dispose()
        {
            foreach (var r in _registrations)
                r.Dispose();
        }
    }
}
