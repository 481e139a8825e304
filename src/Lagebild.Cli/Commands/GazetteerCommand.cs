using System.CommandLine;
using Lagebild.Places;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild gazetteer build</c>: regenerates the compact gazetteer resource from the shared GeoNames-derived files.</summary>
internal static class GazetteerCommand
{
    public static Command Create(CommandContext ctx)
    {
        var from = new Option<string>("--from") { Description = "Folder with the gazetteer source files (shared/data/gazetteer)", Required = true, HelpName = "DIR" };
        var output = new Option<string>("--out") { Description = "Resource file to write", DefaultValueFactory = _ => Path.Combine("src", "Lagebild", "Resources", "gazetteer.tsv.gz"), HelpName = "FILE" };
        var minPop = new Option<int>("--min-population") { Description = "Smallest city kept (capitals and regional seats are always kept)", DefaultValueFactory = _ => GazetteerBuilder.DefaultMinPopulation };
        var build = new Command("build", "Build the gazetteer resource (countries, regions, cities with coordinates)") { from, output, minPop };
        build.SetAction(parsed =>
        {
            try
            {
                var s = GazetteerBuilder.Build(parsed.GetValue(from)!, parsed.GetValue(output)!, parsed.GetValue(minPop));
                ctx.Io.Out.WriteLine($"gazetteer: {s.Countries} country names, {s.Regions} regions, {s.Cities} cities → {parsed.GetValue(output)} ({s.Bytes / 1024} KiB)");
                return ExitCodes.Ok;
            }
            catch (FileNotFoundException e)
            {
                throw new CliException(e.Message);
            }
        });
        return new Command("gazetteer", "Gazetteer resource maintenance") { build };
    }
}
