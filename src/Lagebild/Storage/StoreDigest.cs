using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Lagebild.Ingest;
using Lagebild.Model;

namespace Lagebild.Storage;

/// <summary>
/// The CPU work a store does on one document before writing it: the content hash (change detection), the normalised
/// exact hash and the MinHash signature with its band keys (duplicates), the search terms and the normalised entities
/// with their JSON. Both stores take it from <see cref="Of"/>, inside their write lock, on one thread. A caller that
/// computes it ahead with <see cref="Prepare"/> (on all cores, while the store writes the previous batch) takes that
/// work off the writing thread; the digest is kept with the document instance for as long as the document lives.
/// A document must not change after it was prepared.
/// </summary>
public sealed class StoreDigest
{
    private static readonly ConditionalWeakTable<Document, StoreDigest> s_prepared = [];

    private StoreDigest(Document document)
    {
        string text = document.Article.Text;
        Content = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        Exact = DuplicateIndex.ExactHash(text);
        Signature = DuplicateIndex.Signature(text);
        BandKeys = Signature.Length == 0 ? [] : DuplicateIndex.BandKeys(Signature);
        SearchTerms = StoreRows.SearchTerms(document);
        if (document.Layers.Contains(Lagebild.Entities.EntityRecognizer.Layer))
        {
            var entities = Lagebild.Linking.EntityNormaliser.Normalise(document);
            Entities = [.. entities.Select(e => new EntityRow(e, StoreRows.Json(e.Aliases), StoreRows.Mentions(e)))];
        }
    }

    /// <summary>SHA-256 of the exact text (UTF-8): a changed byte means changed facts offsets.</summary>
    public byte[] Content { get; }

    /// <summary>Hash of the normalised text (<see cref="DuplicateIndex.ExactHash"/>).</summary>
    public ulong Exact { get; }

    /// <summary>MinHash signature; empty for texts too short for near-duplicate matching.</summary>
    public ulong[] Signature { get; }

    /// <summary>The signature's LSH band keys (empty with an empty signature).</summary>
    public long[] BandKeys { get; }

    /// <summary>The analysed search terms, space-separated (<see cref="StoreRows.SearchTerms"/>).</summary>
    public string SearchTerms { get; }

    /// <summary>The normalised entities with their aliases and mentions as JSON, or null when the document was analysed without the entity stages.</summary>
    public IReadOnlyList<EntityRow>? Entities { get; }

    /// <summary>One normalised entity and its JSON columns.</summary>
    public sealed record EntityRow(Lagebild.Linking.Entity Entity, string AliasesJson, string MentionsJson);

    /// <summary>Computes the digest of <paramref name="document"/> now and keeps it with the document (thread-safe).</summary>
    public static void Prepare(Document document) => s_prepared.GetValue(document, static d => new StoreDigest(d));

    /// <summary>The digest prepared for <paramref name="document"/>, else computed now (and not kept).</summary>
    public static StoreDigest Of(Document document) => s_prepared.TryGetValue(document, out var digest) ? digest : new StoreDigest(document);
}
