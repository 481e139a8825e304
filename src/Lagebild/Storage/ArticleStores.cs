namespace Lagebild.Storage;

/// <summary>
/// Opens the store a location names: a PostgreSQL connection string (<c>postgres://user:password@host:5432/db</c>,
/// <c>postgresql://…</c>, or keywords such as <c>Host=127.0.0.1;Port=5432;Username=lagebild;Database=lagebild</c>)
/// opens a <see cref="PostgresStore"/>; anything else is the path of an SQLite file (<see cref="SqliteStore"/>).
/// </summary>
public static class ArticleStores
{
    /// <summary>True when <paramref name="location"/> names a PostgreSQL server rather than a file.</summary>
    public static bool IsServer(string location) =>
        IsUri(location) || location.Contains("Host=", StringComparison.OrdinalIgnoreCase) || location.Contains("Server=", StringComparison.OrdinalIgnoreCase);

    internal static bool IsUri(string location) =>
        location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens (creating and migrating as needed) the store at <paramref name="location"/>.</summary>
    /// <exception cref="StoreException">The store cannot be opened; the message is one line.</exception>
    public static IArticleStore Open(string location, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return IsServer(location) ? PostgresStore.Open(location, clock) : SqliteStore.Open(location, clock);
    }

    /// <summary>The location as safe to print: a connection string without its password.</summary>
    public static string Describe(string location)
    {
        if (!IsServer(location))
            return location;
        try
        {
            return PostgresStore.DisplayName(PostgresStore.Builder(location));
        }
        catch (StoreException)
        {
            return "postgres://(invalid connection string)";
        }
    }
}
