using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Lagebild.Entities;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild train ner</c>: trains the German NER model from CoNLL/TSV/JSON corpora;
/// <c>lagebild train clusters</c>: learns the word clusters it uses from unlabelled text.
/// </summary>
internal static class TrainCommand
{
    public static Command Create(CommandContext ctx) => new("train", "Train models: the NER model, the word clusters it uses, and the story verifier")
    {
        Ner(ctx),
        Clusters(ctx),
        StoryVerifierCommand(ctx),
    };

    private static Command StoryVerifierCommand(CommandContext ctx)
    {
        var paths = CommandContext.PathsArgument(ArgumentArity.OneOrMore, "Articles: files, folders (recursive), or - for stdin");
        var gold = new Option<string>("--gold") { Description = "Gold stories: JSON Lines {\"id\": article id, \"story\": story id}", Required = true, HelpName = "FILE" };
        var output = new Option<string>("--out", "-o") { Description = "Model file to write (JSON)", Required = true, HelpName = "FILE" };
        var rounds = new Option<int>("--rounds") { Description = "Rounds: each clusters the articles with the previous round's model and learns from the pairs it met", DefaultValueFactory = _ => 3, HelpName = "N" };
        var threshold = new Option<double>("--threshold") { Description = "Probability an article needs to join a story", DefaultValueFactory = _ => Stories.StoryVerifier.DefaultThreshold, HelpName = "P" };
        var about = new Option<string?>("--about") { Description = "What the model was trained on (written into the model file)", HelpName = "TEXT" };
        var hidden = new Option<int>("--hidden") { Description = "Hidden units beside the logistic model's weights (0: logistic regression alone)", DefaultValueFactory = _ => Stories.StoryVerifierTraining.DefaultHiddenUnits, HelpName = "N" };
        hidden.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 64) r.AddError("--hidden must be between 0 and 64"); });
        var seeds = new Option<int>("--seeds") { Description = "With hidden units: fits from this many seeded starts, averaged into one model", DefaultValueFactory = _ => Stories.StoryVerifierTraining.DefaultSeeds, HelpName = "N" };
        seeds.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 20) r.AddError("--seeds must be between 1 and 20"); });
        rounds.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--rounds must be 1 or more"); });
        threshold.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (> 0 and < 1)) r.AddError("--threshold must be between 0 and 1 (exclusive)"); });
        var settings = new ClusterCommand.Settings();
        var cmd = new Command("story-verifier", "Learn the model that decides which story a dated article joins, from articles with gold stories (logistic regression with a few hidden units over the clusterer's clues)")
        {
            paths, gold, output, rounds, threshold, about, hidden, seeds,
        };
        settings.AddTo(cmd);
        ctx.Read.AddTo(cmd);
        cmd.SetAction(parsed =>
        {
            var io = ctx.Io;
            void Log(string line) => io.Error.WriteLine($"train: {line}");
            if (parsed.GetValue(settings.Verifier) is not null)
                throw new CliException("--verifier has no use here: each round clusters with the model the round before it learned", ExitCodes.Usage);
            var stories = ReadGold(Existing(parsed.GetValue(gold)!));
            var tally = new Analysis.Tally();
            var articles = new List<Stories.RawSignals>();
            var sw = Stopwatch.StartNew();
            foreach (var docs in Analysis.Batches(ctx.Reader(parsed).Read(parsed.GetValue(paths)!), ctx.Warn, tally, Pipeline.DefaultPipeline.Shared))
            {
                articles.AddRange(Stories.StorySignals.Raw(docs));
                if (articles.Count % 1000 < docs.Count)
                    Log($"{articles.Count} articles analysed ({sw.Elapsed.TotalSeconds:F0} s)");
            }
            int labelled = articles.Count(a => stories.ContainsKey(a.Id));
            Log($"{articles.Count} articles, {labelled} with a gold story");
            if (labelled == 0)
                throw new CliException("no article has a gold story: the ids in --gold must be the articles' ids");
            var options = settings.Options(parsed);
            IReadOnlyList<Stories.StoryVerifierTraining.Round> result;
            try
            {
                int round = 0;
                result = Stories.StoryVerifierTraining.Train(articles, stories, options, parsed.GetValue(rounds), parsed.GetValue(threshold),
                    parsed.GetValue(about) ?? $"trained on {labelled} articles with gold stories ({Path.GetFileName(parsed.GetValue(gold))})",
                    r => Log($"round {++round}: {r.Pairs} candidate pairs ({r.Same} of one story)"), parsed.GetValue(hidden),
                    parsed.GetValue(seeds));
            }
            catch (ArgumentException e)
            {
                throw new CliException("cannot learn: " + e.Message);
            }
            var outPath = parsed.GetValue(output)!;
            using (var file = File.Create(outPath))
                result[^1].Model.Save(file);
            Log($"wrote {outPath}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    // Gold stories: {"id", "story"} per line; a bad line is an error with its number (never skipped silently).
    private static Dictionary<string, string> ReadGold(string path)
    {
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        int n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
                    || !doc.RootElement.TryGetProperty("id", out var id) || id.ValueKind != System.Text.Json.JsonValueKind.String
                    || !doc.RootElement.TryGetProperty("story", out var story) || story.ValueKind is not (System.Text.Json.JsonValueKind.String or System.Text.Json.JsonValueKind.Number))
                    throw new CliException($"{path}:{n}: a gold line needs \"id\" (a string) and \"story\"");
                gold.TryAdd(id.GetString()!, story.ToString());
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new CliException($"{path}:{n}: not JSON ({e.Message})");
            }
        }
        return gold;
    }

    private static Command Ner(CommandContext ctx)
    {
        var train = new Option<string[]>("--train")
        {
            Description = "Training corpora (CoNLL, GermEval/HIPE TSV, SmartData JSON Lines; gzip allowed). FILE@F keeps a fixed share F of its sentences (0.3) or repeats them (2)",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        var dev = new Option<string[]>("--dev") { Description = "Tuning dev corpora: scored after each epoch, the best epoch is kept", AllowMultipleArgumentsPerToken = true, HelpName = "FILE" };
        var report = new Option<string[]>("--report") { Description = "Evaluation-only corpora: scored after each epoch for the log, never used for a decision", AllowMultipleArgumentsPerToken = true, HelpName = "FILE" };
        var output = new Option<string>("--out") { Description = "Model file to write", Required = true, HelpName = "MODEL" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data", DefaultValueFactory = _ => 10, HelpName = "N" };
        var bits = new Option<int>("--bits") { Description = "log2 of the hashed feature rows", DefaultValueFactory = _ => 20, HelpName = "N" };
        var seed = new Option<int>("--seed") { Description = "Shuffling seed", DefaultValueFactory = _ => 1 };
        var clusters = new Option<string?>("--clusters") { Description = "Word clusters from `lagebild train clusters`", HelpName = "FILE" };
        var surnames = new Option<string[]>("--surnames") { Description = "Surname lists, one per line (gzip allowed)", AllowMultipleArgumentsPerToken = true, HelpName = "FILE" };
        var firstNames = new Option<string[]>("--first-names") { Description = "German first-name lists (one per line, or a JS/JSON file of quoted names)", AllowMultipleArgumentsPerToken = true, HelpName = "FILE" };
        var otherFirstNames = new Option<string[]>("--other-first-names") { Description = "First-name lists of other languages", AllowMultipleArgumentsPerToken = true, HelpName = "FILE" };
        var noGazetteer = new Option<bool>("--no-gazetteer") { Description = "Leave out the project gazetteer and word lists (for ablations)" };
        var maxNoise = new Option<double>("--max-noise") { Description = "Drop training sentences whose share of OCR-broken words exceeds this (1 keeps all)", DefaultValueFactory = _ => 1.0, HelpName = "SHARE" };
        var prune = new Option<float>("--prune") { Description = "Drop weight rows whose largest absolute weight is below this when saving", DefaultValueFactory = _ => 0f, HelpName = "W" };
        var lastEpoch = new Option<bool>("--last-epoch") { Description = "Keep the last epoch even with a dev set" };
        var synthetic = new Option<int>("--synthetic") { Description = "Add this many template sentences filled from the name lists (news contexts the corpora lack)", DefaultValueFactory = _ => 0, HelpName = "N" };
        var cmd = new Command("ner", "Train the German NER model (PER, LOC, ORG; BIO; averaged structured perceptron)")
        {
            train, dev, report, output, epochs, bits, seed, clusters, surnames, firstNames, otherFirstNames, noGazetteer, maxNoise, prune, lastEpoch, synthetic,
        };
        cmd.SetAction(parsed =>
        {
            var io = ctx.Io;
            var clock = Stopwatch.StartNew();
            void Log(string line) => io.Error.WriteLine($"train: {line}");

            var trainSet = new List<NerSentence>();
            int dropped = 0;
            double noise = parsed.GetValue(maxNoise);
            foreach (var spec in parsed.GetValue(train)!)
            {
                var (path, share) = ParseSpec(spec);
                var sentences = ReadCorpus(path, Log);
                var kept = Sample(sentences, share);
                int before = kept.Count;
                if (noise < 1)
                    kept = kept.Where(s => NerCorpus.NoiseShare(s.Tokens) <= noise).ToList();
                dropped += before - kept.Count;
                trainSet.AddRange(kept);
            }
            if (dropped > 0)
                Log($"dropped {dropped} noisy sentences");
            var devSet = (parsed.GetValue(dev) ?? []).SelectMany(p => ReadCorpus(p, Log)).ToList();
            var reports = (parsed.GetValue(report) ?? []).Select(p => (Path.GetFileName(p), (IReadOnlyList<NerSentence>)ReadCorpus(p, Log))).ToList();

            var lexicon = new NerLexiconBuilder();
            if (parsed.GetValue(clusters) is { } clusterPath)
            {
                using var reader = NerCorpus.Open(Existing(clusterPath));
                lexicon.AddClusters(WordClusters.Read(reader));
            }
            if (!parsed.GetValue(noGazetteer))
            {
                lexicon.AddProjectGazetteer();
                foreach (var p in parsed.GetValue(surnames) ?? [])
                    lexicon.AddSurnames(Existing(p));
                foreach (var p in parsed.GetValue(firstNames) ?? [])
                    lexicon.AddFirstNames(Existing(p), german: true);
                foreach (var p in parsed.GetValue(otherFirstNames) ?? [])
                    lexicon.AddFirstNames(Existing(p), german: false);
                lexicon.AddDemonyms(trainSet.SelectMany(s => s.Tokens).Distinct());
            }
            Log($"lexicon: {lexicon.Count} words");
            if (parsed.GetValue(synthetic) is > 0 and int count)
            {
                var generated = NerSynthetic.Generate(lexicon.Pools, count, parsed.GetValue(seed));
                Log($"synthetic: {generated.Count} sentences from {NerSynthetic.Templates.Length} templates");
                trainSet.AddRange(generated);
            }

            var options = new NerTrainOptions
            {
                Epochs = parsed.GetValue(epochs),
                Bits = parsed.GetValue(bits),
                Seed = parsed.GetValue(seed),
                KeepBestEpoch = !parsed.GetValue(lastEpoch),
                Log = Log,
                Description = "lagebild train ner " + string.Join(' ', parsed.Tokens.Select(t => Path.GetFileName(t.Value))),
            };
            var model = NerTrainer.Train(trainSet, devSet, lexicon.Build(), options, reports);
            var outPath = parsed.GetValue(output)!;
            model.Save(outPath, parsed.GetValue(prune));
            var saved = NerModel.Load(outPath);
            foreach (var (name, sentences) in reports)
                Log($"{name} (report only, saved model):\n{NerTrainer.Evaluate(saved, sentences).ToText()}");
            if (devSet.Count > 0)
                Log($"dev (saved model): {NerTrainer.Evaluate(saved, devSet).Micro}");
            Log(string.Create(CultureInfo.InvariantCulture, $"wrote {outPath} ({new FileInfo(outPath).Length / 1024.0 / 1024.0:0.00} MiB) in {clock.Elapsed.TotalSeconds:0} s"));
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static Command Clusters(CommandContext ctx)
    {
        var text = new Option<string[]>("--text")
        {
            Description = "Unlabelled text: NER corpora (their tokens), SmartData JSON Lines, or plain .txt files",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "FILE",
        };
        var output = new Option<string>("--out") { Description = "Cluster file to write (TSV; .gz compresses)", Required = true, HelpName = "FILE" };
        var minCount = new Option<int>("--min-count") { Description = "Words seen fewer times get no cluster", DefaultValueFactory = _ => 3, HelpName = "N" };
        var sizes = new Option<string>("--sizes") { Description = "Clusters at the three levels, coarse to fine", DefaultValueFactory = _ => "64,256,1024", HelpName = "A,B,C" };
        var dims = new Option<int>("--dims") { Description = "Dimensions of the word vectors", DefaultValueFactory = _ => 100, HelpName = "N" };
        var contexts = new Option<int>("--contexts") { Description = "Most frequent words used as contexts", DefaultValueFactory = _ => 3000, HelpName = "N" };
        var cmd = new Command("clusters", "Learn word clusters from unlabelled text (PPMI + truncated SVD + nested k-means)")
        {
            text, output, minCount, sizes, dims, contexts,
        };
        cmd.SetAction(parsed =>
        {
            var io = ctx.Io;
            void Log(string line) => io.Error.WriteLine($"train: {line}");
            var sentences = new List<IReadOnlyList<string>>();
            foreach (var path in parsed.GetValue(text)!)
            {
                if (path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var s in NerCorpus.FromText(File.ReadAllText(Existing(path)), []))
                        sentences.Add(s.Tokens);
                }
                else
                {
                    sentences.AddRange(ReadCorpus(path, Log).Select(s => (IReadOnlyList<string>)s.Tokens));
                }
            }
            var levels = parsed.GetValue(sizes)!.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            if (levels.Length != 3)
                throw new CliException("--sizes takes three numbers, coarse to fine", ExitCodes.Usage);
            var result = WordClusters.Learn(sentences, new WordClusterOptions
            {
                MinCount = parsed.GetValue(minCount),
                Clusters = levels,
                Dimensions = parsed.GetValue(dims),
                ContextWords = parsed.GetValue(contexts),
                Log = Log,
            });
            var outPath = parsed.GetValue(output)!;
            using (var file = File.Create(outPath))
            using (Stream stream = outPath.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.SmallestSize) : file)
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
                WordClusters.Write(writer, result);
            Log($"wrote {result.Count} words to {outPath}");
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static string Existing(string path) => File.Exists(path) ? path : throw new CliException($"{path}: no such file");

    private static List<NerSentence> ReadCorpus(string path, Action<string> log)
    {
        var stats = new NerReadStats();
        var sentences = NerCorpus.ReadFile(Existing(path), stats);
        var entities = string.Join(", ", stats.Entities.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}"));
        var unknown = stats.UnknownLabels.Count == 0 ? "" : "; unknown labels → O: " + string.Join(", ", stats.UnknownLabels.OrderByDescending(e => e.Value).Take(8).Select(e => $"{e.Key} {e.Value}"));
        log($"{Path.GetFileName(path)}: {stats.Sentences} sentences, {stats.Tokens} tokens, {entities}{unknown}");
        return sentences;
    }

    /// <summary>"FILE@0.3" → (FILE, 0.3); "FILE" → (FILE, 1).</summary>
    private static (string Path, double Share) ParseSpec(string spec)
    {
        int at = spec.LastIndexOf('@');
        if (at > 0 && !File.Exists(spec) && double.TryParse(spec[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && share > 0)
            return (spec[..at], share);
        return (spec, 1);
    }

    /// <summary>A fixed share of the sentences (every k-th by a stable hash), or whole repetitions plus a share.</summary>
    private static List<NerSentence> Sample(List<NerSentence> sentences, double share)
    {
        var result = new List<NerSentence>();
        while (share >= 1)
        {
            result.AddRange(sentences);
            share -= 1;
        }
        if (share > 0)
        {
            for (int i = 0; i < sentences.Count; i++)
            {
                // Deterministic: a sentence is kept when its index's hash falls below the share.
                ulong h = (ulong)i * 0x9E3779B97F4A7C15UL;
                if ((h >> 40) / (double)(1UL << 24) < share)
                    result.Add(sentences[i]);
            }
        }
        return result;
    }
}
