using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Lagebild.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server for the tests, started once per test run on 127.0.0.1 and a free port (data in a
/// temporary folder, trust login, stopped and deleted by a watchdog once the test process is gone). Needs Debian's
/// <c>postgresql</c> package (<c>scripts/test.sh</c> installs it); as root the server runs as the <c>postgres</c> user,
/// since <c>initdb</c> refuses root. <c>LAGEBILD_TEST_PG</c> (a connection string without a database) uses an
/// existing server instead. Where neither is available the tests skip with the reason; under <c>CI=true</c> they fail.
/// </summary>
internal static class PostgresServer
{
    private static readonly Lazy<(string? Base, string? Problem)> s_server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int s_databases;

    /// <summary>A connection string to a new, not yet existing database on the server (the store creates it); skips when there is no server.</summary>
    public static string NewDatabase(string purpose = "t")
    {
        var (baseString, problem) = s_server.Value;
        if (baseString is null)
        {
            string reason = $"PostgreSQL not available: {problem}";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail(reason + " (CI=true: the PostgreSQL tests must run)");
            Skip.If(true, reason);
        }
        int n = Interlocked.Increment(ref s_databases);
        return $"{baseString};Database={purpose}_{Environment.ProcessId}_{n}_{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>The server's connection string without a database (host, port, user).</summary>
    public static string? BaseConnectionString => s_server.Value.Base;

    private static (string?, string?) Start()
    {
        if (Environment.GetEnvironmentVariable("LAGEBILD_TEST_PG") is { Length: > 0 } given)
            return (given, null);
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        if (bin is null)
            return (null, "no /usr/lib/postgresql/*/bin/initdb (install Debian's postgresql package)");
        bool root = Environment.UserName == "root";
        string dir = Path.Combine(Path.GetTempPath(), $"lagebild-pg-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(dir);
        try
        {
            if (root)
                Run("chown", "postgres", dir);
            string data = Path.Combine(dir, "data");
            var init = RunAs(root, Path.Combine(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8");
            if (init.Code != 0)
                return (null, "initdb failed: " + init.Output.Trim());
            int port = FreePort();
            var start = RunAs(root, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(dir, "log"), "-w", "-t", "60",
                "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {dir} -c fsync=off -c max_connections=200", "start");
            if (start.Code != 0)
                return (null, "pg_ctl start failed: " + start.Output.Trim() + " " + SafeRead(Path.Combine(dir, "log")));
            // The test host may be killed rather than exit (dotnet test does so at the end of a run), and then no exit
            // handler runs: a detached watchdog stops the server and removes its folder once this process is gone.
            string stop = (root ? "runuser -u postgres -- " : "") + $"'{Path.Combine(bin, "pg_ctl")}' -D '{data}' -m immediate -w stop";
            var watchdog = new ProcessStartInfo("setsid") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in (string[])["sh", "-c", $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{dir}'"])
                watchdog.ArgumentList.Add(a);
            Process.Start(watchdog)?.Dispose();
            return ($"Host=127.0.0.1;Port={port};Username=postgres", null);
        }
        catch (Exception ex) when (ex is IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            return (null, ex.Message);
        }
    }

    private static string SafeRead(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static (int Code, string Output) RunAs(bool root, string program, params string[] args) =>
        root ? Run("runuser", ["-u", "postgres", "--", program, .. args]) : Run(program, args);

    private static (int Code, string Output) Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            return (-1, $"{program} timed out");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
