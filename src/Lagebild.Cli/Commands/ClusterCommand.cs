using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Lagebild.Model;
using Lagebild.Pipeline;
using Lagebild.Stories;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild cluster PATH… --format jsonl</c>: one line per article with its story, in input order.</summary>
internal static class ClusterCommand
{
    /// <summary>The clustering options every story command takes (defaults from <see cref="ClusterOptions"/>).</summary>
    internal sealed class Settings
    {
        public Option<double> Join { get; } = new("--join-threshold") { Description = "Score an article needs to join a story", DefaultValueFactory = _ => ClusterOptions.Default.JoinThreshold, HelpName = "X" };
        public Option<double> Merge { get; } = new("--merge-threshold") { Description = "Score with two stories at which they merge", DefaultValueFactory = _ => ClusterOptions.Default.MergeThreshold, HelpName = "X" };
        public Option<double> TimeScale { get; } = new("--time-scale") { Description = "Days over which a story's pull halves", DefaultValueFactory = _ => ClusterOptions.Default.TimeScaleDays, HelpName = "DAYS" };
        public Option<int> CloseAfter { get; } = new("--close-after") { Description = "Days without a new article after which a story is closed", DefaultValueFactory = _ => ClusterOptions.Default.CloseAfterDays, HelpName = "DAYS" };
        public Option<double> PlaceMismatch { get; } = new("--place-mismatch") { Description = "Score factor when article and story name different places", DefaultValueFactory = _ => ClusterOptions.Default.PlaceMismatch, HelpName = "X" };
        public Option<double> SecondLook { get; } = new("--second-look")
        {
            Description = "Probability the verifier must give a story of one article, on its second look days later (or at the end of the input), to merge it into another story; 0 for no second looks",
            DefaultValueFactory = _ => ClusterOptions.Default.SecondLookThreshold,
            HelpName = "P",
        };
        public Option<string?> Verifier { get; } = new("--verifier")
        {
            Description = "Model deciding which story a dated article joins (a file from `lagebild train story-verifier`), or none for the join threshold alone [default: the shipped model]",
            HelpName = "FILE|none",
        };

        public Settings()
        {
            foreach (var o in new[] { Join, Merge, PlaceMismatch, SecondLook })
            {
                o.Validators.Add(r =>
                {
                    double v = r.GetValueOrDefault<double>();
                    if (v is < 0 or > 1 || double.IsNaN(v))
                        r.AddError($"{o.Name} must be between 0 and 1");
                });
            }
            TimeScale.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() > 0)) r.AddError("--time-scale must be positive"); });
            CloseAfter.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--close-after must be 1 or more"); });
        }

        public void AddTo(Command cmd)
        {
            cmd.Add(Join);
            cmd.Add(Merge);
            cmd.Add(TimeScale);
            cmd.Add(CloseAfter);
            cmd.Add(PlaceMismatch);
            cmd.Add(SecondLook);
            cmd.Add(Verifier);
        }

        private StoryVerifier? LoadVerifier(ParseResult p)
        {
            var value = p.GetValue(Verifier);
            if (value is null)
                return ClusterOptions.Default.Verifier;
            if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
                return null;
            if (!File.Exists(value))
                throw new CliException($"--verifier: {value}: no such file (give a model from `lagebild train story-verifier`, or none)");
            try
            {
                return StoryVerifier.Load(value);
            }
            catch (InvalidDataException e)
            {
                throw new CliException($"--verifier: {value}: {e.Message}");
            }
        }

        public ClusterOptions Options(ParseResult p) => new()
        {
            JoinThreshold = p.GetValue(Join),
            MergeThreshold = p.GetValue(Merge),
            TimeScaleDays = p.GetValue(TimeScale),
            CloseAfterDays = p.GetValue(CloseAfter),
            PlaceMismatch = p.GetValue(PlaceMismatch),
            SecondLookThreshold = p.GetValue(SecondLook),
            Verifier = LoadVerifier(p),
        };
    }

    public static Command Create(CommandContext ctx)
    {
        var paths = CommandContext.PathsArgument(ArgumentArity.OneOrMore, "Files, folders (recursive), http(s) URLs, or - for stdin");
        var format = new Option<string>("--format") { Description = "Output format", DefaultValueFactory = _ => "jsonl", HelpName = "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout", HelpName = "FILE" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary line on stderr" };
        var settings = new Settings();
        var cmd = new Command("cluster", "Group articles into stories, processing them in publication order; prints {\"id\", \"story\"} per article in input order")
        {
            paths, format, output, quiet,
        };
        settings.AddTo(cmd);
        ctx.Read.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var sw = Stopwatch.StartNew();
            var tally = new Analysis.Tally();
            var clusterer = new StoryClusterer(settings.Options(parsed));
            var batch = new StoryBatch(clusterer);
            var ids = new List<string>();
            foreach (var docs in Analysis.Batches(ctx.Reader(parsed).Read(parsed.GetValue(paths)!), ctx.Warn, tally, DefaultPipeline.Shared))
            {
                foreach (var signals in StorySignals.From(docs, clusterer.Terms))
                {
                    batch.Add(signals);
                    ids.Add(signals.Id);
                }
            }
            var stories = batch.Finish();
            using var writer = parsed.GetValue(output) is { } path ? new StreamWriter(path, false, new System.Text.UTF8Encoding(false)) : null;
            var target = writer ?? ctx.Io.Out;
            for (int i = 0; i < ids.Count; i++)
                target.WriteLine(JsonSerializer.Serialize(new ClusterLine(ids[i], stories[i]), ClusterJson.Default.ClusterLine));
            target.Flush();
            if (!parsed.GetValue(quiet))
            {
                ctx.Io.Error.WriteLine($"cluster: {ids.Count} articles, {stories.Distinct().Count()} stories, {clusterer.Merges.Count} merges, "
                    + $"{tally.Problems} problems in {sw.Elapsed.TotalSeconds:F2} s ({ids.Count / Math.Max(sw.Elapsed.TotalSeconds, 1e-3):0.#} articles/s)");
            }
            return ids.Count == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return cmd;
    }
}

internal sealed record ClusterLine(string Id, string Story);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ClusterLine))]
internal sealed partial class ClusterJson : System.Text.Json.Serialization.JsonSerializerContext;
