using System.CommandLine;
using Lagebild.Exports;
using Lagebild.Pipeline;
using Lagebild.Stories;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild export [PATH…] --format jsonl|csv|geojson</c>: facts and figures for other tools, from the store or from files.</summary>
internal static class ExportCommand
{
    public static Command Create(CommandContext ctx)
    {
        var source = new StorySource.Arguments("Files, folders, URLs or - to analyse now; none: export the store");
        var format = new Option<string>("--format") { Description = "jsonl: facts and reconciled figures; csv: one row per event (ACLED-like); geojson: events with coordinates", Required = true, HelpName = "jsonl|csv|geojson" };
        format.AcceptOnlyFromAmong("jsonl", "csv", "geojson");
        var output = new Option<string?>("--output", "-o") { Description = "Write to FILE instead of stdout", HelpName = "FILE" };
        var cmd = new Command("export", "Export facts and reconciled figures: JSON Lines, an ACLED-like CSV (date, precision, country, place, lat/lon, fatalities, injuries, arrests …, sources, notes on disputes) or GeoJSON")
        {
            format, output,
        };
        source.AddTo(cmd, ctx);
        cmd.SetAction(parsed =>
        {
            var stories = source.Stories(ctx, parsed);
            string? path = parsed.GetValue(output);
            using var file = path is null ? null : OpenOutput(path);
            switch (parsed.GetValue(format))
            {
                case "csv":
                {
                    using var w = file is null ? null : new StreamWriter(file, new System.Text.UTF8Encoding(false), leaveOpen: true);
                    Exporters.WriteCsv(w ?? ctx.Io.Out, EventTable.Build(stories));
                    break;
                }
                case "geojson":
                {
                    if (file is null)
                    {
                        using var ms = new MemoryStream();
                        Exporters.WriteGeoJson(ms, EventTable.Build(stories));
                        ctx.Io.Out.WriteLine(System.Text.Encoding.UTF8.GetString(ms.ToArray()));
                    }
                    else
                    {
                        Exporters.WriteGeoJson(file, EventTable.Build(stories));
                    }
                    break;
                }
                default:
                {
                    using var w = file is null ? null : new StreamWriter(file, new System.Text.UTF8Encoding(false), leaveOpen: true);
                    Exporters.WriteJsonLines(w ?? ctx.Io.Out, stories);
                    break;
                }
            }
            ctx.Io.Out.Flush();
            return ExitCodes.Ok;
        });
        return cmd;
    }

    private static FileStream OpenOutput(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {path}: {e.Message}");
        }
    }
}
