using System.Text;
using System.Text.Json;
using Lagebild.Cli;
using Lagebild.Tests.Support;
using Microsoft.VisualBasic.FileIO;

namespace Lagebild.Tests.Exports;

/// <summary>The exports open in standard tools: the CSV through a CSV parser, the GeoJSON as RFC 7946, the JSON Lines line by line.</summary>
public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("lagebild-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args) => CliRunner.Run(args);

    private string Store()
    {
        string store = Path.Combine(_dir, "seeds.db");
        Assert.Equal(ExitCodes.Ok, Run("ingest", SharedData.Require("seeds"), "--store", store).Code);
        return store;
    }

    [SkippableFact]
    public void The_seeds_CSV_reads_back_through_a_CSV_parser_with_the_rising_arrests()
    {
        string store = Store();
        string csv = Path.Combine(_dir, "events.csv");
        Assert.Equal(ExitCodes.Ok, Run("export", "--format", "csv", "-o", csv, "--store", store).Code);
        using var parser = new TextFieldParser(csv, Encoding.UTF8) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
        {
            var fields = parser.ReadFields()!;
            Assert.Equal(header.Length, fields.Length);
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second));
        }
        var national = Assert.Single(rows, r => r["location"] == "Kasachstan");
        Assert.Equal("10000", national["arrests"]);
        Assert.Equal("2000", national["troops_deployed"]);
        Assert.Equal("KZ", national["country"]);
        Assert.Equal("51.1801", national["latitude"]);
        Assert.Contains("rising", national["notes"]);
        Assert.Contains("003_cba02438cf8314ef", national["articles"]);
        Assert.Contains("000_c83e155189eeb7b6", national["articles"]);
        var schymkent = Assert.Single(rows, r => r["location"] == "Schymkent");
        Assert.Equal("200", schymkent["arrests"]); // "mehrere hundert": the lower bound, and said so
        Assert.Equal("2022-01-09", schymkent["event_date"]);
        Assert.Equal("day", schymkent["time_precision"]);
        Assert.Contains("lower bound", schymkent["notes"]);
        Assert.All(rows, r => Assert.StartsWith("story-", r["story"]));
    }

    [SkippableFact]
    public void The_seeds_GeoJSON_is_a_feature_collection_of_points_with_figures()
    {
        string store = Store();
        string path = Path.Combine(_dir, "events.geojson");
        Assert.Equal(ExitCodes.Ok, Run("export", "--format", "geojson", "-o", path, "--store", store).Code);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.NotEmpty(features);
        foreach (var f in features)
        {
            Assert.Equal("Feature", f.GetProperty("type").GetString());
            var geometry = f.GetProperty("geometry");
            Assert.Equal("Point", geometry.GetProperty("type").GetString());
            var c = geometry.GetProperty("coordinates").EnumerateArray().Select(x => x.GetDouble()).ToList();
            Assert.Equal(2, c.Count);
            Assert.InRange(c[0], -180, 180); // longitude first (RFC 7946)
            Assert.InRange(c[1], -90, 90);
        }
        var kz = Assert.Single(features, f => f.GetProperty("properties").GetProperty("place").GetString() == "Kasachstan");
        Assert.Equal(71.446, kz.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble(), 3);
        var arrested = kz.GetProperty("properties").GetProperty("figures").GetProperty("arrested");
        Assert.Equal(10000, arrested.GetProperty("value").GetInt32());
        Assert.Equal("rising", arrested.GetProperty("status").GetString());
    }

    [SkippableFact]
    public void JSON_Lines_give_every_claim_as_a_fact_and_every_figure()
    {
        var (code, output, _) = Run("export", SharedData.Require("seeds"), "--format", "jsonl");
        Assert.Equal(ExitCodes.Ok, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(7, lines.Count(l => l.GetProperty("type").GetString() == "fact"));
        var rising = Assert.Single(lines, l => l.GetProperty("type").GetString() == "figure" && l.GetProperty("status").GetString() == "rising");
        Assert.Equal(2, rising.GetProperty("claims").GetArrayLength());
    }

    [Fact]
    public void Cells_that_look_like_formulas_stay_text_and_quotes_are_escaped()
    {
        var dir = Path.Combine(_dir, "in");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.jsonl"),
            JsonSerializer.Serialize(new { id = "=cmd|x", title = "\"Quoted\", with comma", text = "In Almaty wurden am Sonntag 40 Menschen festgenommen.", published = "2022-01-10", language = "de" }) + "\n");
        var (code, output, _) = Run("export", dir, "--format", "csv");
        Assert.Equal(ExitCodes.Ok, code);
        using var parser = new TextFieldParser(new StringReader(output)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var row = header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal("\"Quoted\", with comma", row["title"]);
        Assert.StartsWith("'", row["articles"]); // "=cmd|x" would be a formula
        Assert.Equal("40", row["arrests"]);
    }

    [Fact]
    public void A_format_is_required()
    {
        Assert.Equal(ExitCodes.Usage, Run("export", "--store", Path.Combine(_dir, "none.db")).Code);
        Assert.Equal(ExitCodes.Usage, Run("export", "--format", "xlsx").Code);
        Assert.Equal(ExitCodes.BadInput, Run("export", "--format", "csv", "--store", Path.Combine(_dir, "none.db")).Code);
    }
}
