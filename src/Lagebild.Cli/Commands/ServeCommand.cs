using Lagebild.Storage;
using System.CommandLine;
using Lagebild.Web;
using Microsoft.Extensions.Hosting;

namespace Lagebild.Cli.Commands;

/// <summary><c>lagebild serve [--port N] [--host H] [--token T]</c>: the web pages and JSON API over the store.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandContext ctx)
    {
        var port = new Option<int>("--port") { Description = "Port to listen on", DefaultValueFactory = _ => 5080, HelpName = "N" };
        port.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 65535) r.AddError("--port must be 0–65535"); });
        var host = new Option<string>("--host") { Description = "Address to bind (127.0.0.1 keeps it on this machine)", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDRESS" };
        var token = new Option<string?>("--token") { Description = "Enable POST /api/ingest for requests with 'Authorization: Bearer TOKEN' (default: $LAGEBILD_TOKEN; none: read-only)", HelpName = "TOKEN" };
        var cmd = new Command("serve", "Serve the situation picture: stories, story pages with timelines and a map, articles, search, entities, and a JSON API under /api (OpenAPI at /api/openapi.json)")
        {
            port, host, token,
        };
        cmd.SetAction(parsed =>
        {
            string path = ctx.StorePath(parsed);
            using var store = ctx.OpenExistingStore(path);
            string url = $"http://{parsed.GetValue(host)}:{parsed.GetValue(port)}";
            var app = WebApp.Create(new WebOptions(ArticleStores.Describe(path), url, parsed.GetValue(token) ?? ctx.Io.Env("LAGEBILD_TOKEN")), store);
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                throw new CliException($"cannot listen on {url}: {e.Message}");
            }
            ctx.Io.Error.WriteLine($"serve: {string.Join(", ", app.Urls)} (store {path}); Ctrl+C stops");
            app.WaitForShutdown();
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
