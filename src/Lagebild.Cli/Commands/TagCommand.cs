using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Lagebild.Entities;

namespace Lagebild.Cli.Commands;

/// <summary>
/// <c>lagebild tag --format conll [FILE|-] [--model MODEL]</c>: one token a line in (blank line between sentences;
/// GermEval 2014 TSV recognised, token in its second column), <c>token&lt;TAB&gt;BIO-tag</c> lines out in the same
/// order with a blank line after each sentence.
/// </summary>
internal static class TagCommand
{
    public static Command Create(CommandContext ctx)
    {
        var input = new Argument<string>("FILE") { Description = "Token-per-line file (CoNLL or GermEval TSV), or - for stdin", DefaultValueFactory = _ => "-" };
        var format = new Option<string>("--format") { Description = "Input and output format", DefaultValueFactory = _ => "conll", HelpName = "conll" };
        format.AcceptOnlyFromAmong("conll");
        var model = new Option<string?>("--model") { Description = "NER model file (default: the shipped German model)", HelpName = "MODEL" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout", HelpName = "FILE" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No summary line on stderr" };
        var cmd = new Command("tag", "Tag tokens with German named entities (PER, LOC, ORG; BIO): token<TAB>tag lines, a blank line after each sentence")
        {
            input, format, model, output, quiet,
        };
        cmd.SetAction(parsed =>
        {
            var io = ctx.Io;
            var path = parsed.GetValue(input)!;
            if (path != "-" && !File.Exists(path))
                throw new CliException($"{path}: no such file");
            var load = Stopwatch.StartNew();
            NerTagger tagger;
            try
            {
                tagger = parsed.GetValue(model) is { } modelPath
                    ? File.Exists(modelPath) ? NerTagger.Load(modelPath) : throw new CliException($"{modelPath}: no such file")
                    : NerTagger.Default;
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new CliException($"{parsed.GetValue(model)}: {e.Message}");
            }
            load.Stop();

            using var reader = path == "-" ? io.In ?? new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), true, 1 << 16) : new StreamReader(path, new UTF8Encoding(false), true, 1 << 16);
            string? outPath = parsed.GetValue(output);
            using var file = outPath is null ? null : new StreamWriter(outPath, false, new UTF8Encoding(false), 1 << 16);
            TextWriter target = file ?? io.Out;
            var stats = ConllTagging.Run(reader, target, tagger);
            target.Flush();
            if (!parsed.GetValue(quiet))
            {
                io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"tag: {stats.Sentences} sentences, {stats.Tokens} tokens{(stats.GermEval ? " (GermEval TSV)" : "")} in {stats.Total.TotalSeconds:0.000} s: {stats.TokensPerSecond:0} tokens/s with reading and writing, {stats.TaggingTokensPerSecond:0} tokens/s tagging; model load {load.Elapsed.TotalSeconds:0.000} s"));
            }
            return stats.Tokens == 0 ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return cmd;
    }
}
