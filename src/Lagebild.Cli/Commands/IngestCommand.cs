using System.CommandLine;
using System.Diagnostics;
using Lagebild.Ingest;
using Lagebild.Storage;
using Spectre.Console;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild ingest PATH…</c>: read, analyse and store articles; a progress bar on a terminal, a summary after.</summary>
internal static class IngestCommand
{
    public static Command Create(CommandContext ctx)
    {
        var paths = CommandContext.PathsArgument(ArgumentArity.OneOrMore, "Files, folders (recursive), http(s) URLs, or - for stdin");
        var cmd = new Command("ingest", "Read articles into the store (idempotent: re-ingesting the same files changes nothing; wire copies are linked, not stored twice)")
        {
            paths,
        };
        ctx.Read.AddTo(cmd);
        var settings = new ClusterCommand.Settings();
        settings.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var io = ctx.Io;
            string storePath = ctx.StorePath(parsed);
            using var store = ctx.OpenStore(storePath);
            var sw = Stopwatch.StartNew();
            var progress = new LatestProgress();

            using var step = new StoreIngest(store, settings.Options(parsed));
            int caught = step.CatchUp();
            if (caught > 0)
                io.Error.WriteLine($"lagebild: note: clustered {caught} stored article(s) that had no story yet");
            var totals = step.Totals;

            void Run(Action<ReadProgress>? onBatch)
            {
                var outcomes = ctx.Reader(parsed).Read(parsed.GetValue(paths)!, progress);
                try
                {
                    step.Add(outcomes, ctx.Warn, onBatch is null ? null : () => onBatch(progress.Latest));
                    step.Commit();
                }
                catch (StoreException e)
                {
                    throw new CliException(e.Message);
                }
            }

            if (io.ErrorRedirected)
            {
                Run(null);
            }
            else
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(io.Error) });
                console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .Start(p =>
                    {
                        var task = p.AddTask("ingest", maxValue: 1);
                        Run(latest =>
                        {
                            task.MaxValue = Math.Max(1, latest.FilesTotal);
                            task.Value = latest.FilesDone;
                            task.Description = $"ingest {totals.Read.Articles} articles";
                        });
                        task.Value = task.MaxValue;
                    });
            }

            var counts = store.Counts();
            io.Out.WriteLine($"ingest: {totals.Read.Articles} articles read in {sw.Elapsed.TotalSeconds:F2} s: "
                + $"{totals.Statuses()}; {totals.Read.Facts} facts; {totals.Read.Problems} problems");
            var indexer = step.Indexer;
            io.Out.WriteLine($"stories: {indexer.Clustered} articles clustered, {indexer.Created} new stories, {indexer.Clusterer.Merges.Count} merges so far");
            io.Out.WriteLine($"store: {ArticleStores.Describe(storePath)}: {counts.Articles} articles, {counts.Duplicates} duplicates, {counts.Facts} facts");
            return totals.Read.Articles == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Keeps the latest progress report; reported synchronously on the reading thread.</summary>
    private sealed class LatestProgress : IProgress<ReadProgress>
    {
        public ReadProgress Latest { get; private set; }

        public void Report(ReadProgress value) => Latest = value;
    }
}
