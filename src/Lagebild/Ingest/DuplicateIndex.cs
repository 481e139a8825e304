using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Lagebild.Ingest;

/// <summary>An earlier article that a new one duplicates.</summary>
/// <param name="OfId">Id of the earlier article.</param>
/// <param name="Similarity">Estimated Jaccard similarity of word 5-shingles (1.0 for exact duplicates).</param>
/// <param name="Exact">True when the normalised texts are identical.</param>
public sealed record DuplicateMatch(string OfId, double Similarity, bool Exact);

/// <summary>
/// Finds duplicate articles. Exact duplicates: same hash of the text with whitespace collapsed
/// and case folded. Near duplicates (wire copies with small edits): MinHash over word
/// 5-shingles with 64 hash functions, LSH with 16 bands of 4 rows to find candidates, and an
/// estimated Jaccard similarity ≥ 0.8 to confirm. Texts under 20 words are only exact-matched.
/// <para>Signatures are deterministic across processes and machines (SHA-256 and fixed seeds), so
/// the store can persist <see cref="ExactHash"/> and <see cref="Signature"/> and rebuild an index
/// with <see cref="AddSignature"/>.</para>
/// <para>Thread-safety: all instance members take a lock, so one index may be shared by
/// threads; the static members are pure.</para>
/// </summary>
public sealed class DuplicateIndex
{
    /// <summary>Number of MinHash functions (signature length).</summary>
    public const int HashCount = 64;

    /// <summary>Words per shingle.</summary>
    public const int ShingleSize = 5;

    /// <summary>Texts with fewer words are only matched exactly.</summary>
    public const int MinWordsForNear = 20;

    /// <summary>Estimated Jaccard similarity from which two texts are near duplicates.</summary>
    public const double NearThreshold = 0.8;

    /// <summary>LSH bands per signature (rows per band = HashCount / Bands).</summary>
    public const int Bands = 16;
    private const int Rows = HashCount / Bands;

    private static readonly ulong[] Seeds = MakeSeeds();

    private readonly object _lock = new();
    private readonly Dictionary<ulong, string> _exact = [];
    private readonly List<(string Id, ulong[] Sig)> _entries = [];
    private readonly Dictionary<ulong, List<int>> _buckets = [];

    /// <summary>Articles indexed so far.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _exact.Count;
        }
    }

    /// <summary>
    /// Returns the earlier article that <paramref name="text"/> duplicates (exact first, else the
    /// most similar near duplicate, earliest on ties), or null after indexing the text under
    /// <paramref name="id"/>. A duplicate is not indexed, so later copies point at the first one.
    /// </summary>
    public DuplicateMatch? Add(string id, string text)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(text);
        ulong exact = ExactHash(text);
        lock (_lock)
        {
            if (_exact.TryGetValue(exact, out var first))
                return new DuplicateMatch(first, 1.0, true);
        }
        // The signature is the expensive part; compute it outside the lock.
        ulong[] sig = Signature(text);
        lock (_lock)
        {
            if (_exact.TryGetValue(exact, out var first))
                return new DuplicateMatch(first, 1.0, true);
            var near = FindNear(sig);
            if (near is not null)
                return near;
            Index(id, exact, sig);
            return null;
        }
    }

    /// <summary>
    /// The near duplicate of <paramref name="text"/> already in the index, or an exact one, without adding it.
    /// </summary>
    public DuplicateMatch? Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong exact = ExactHash(text);
        ulong[] sig = Signature(text);
        lock (_lock)
        {
            if (_exact.TryGetValue(exact, out var first))
                return new DuplicateMatch(first, 1.0, true);
            return FindNear(sig);
        }
    }

    /// <summary>
    /// Indexes a stored article without checking it (rebuilding an index from persisted
    /// signatures). <paramref name="minhash"/> is a <see cref="Signature"/> result: 64 values, or
    /// empty for a short text. An id whose exact hash is already present is ignored.
    /// </summary>
    /// <exception cref="ArgumentException">The signature is neither empty nor 64 values long.</exception>
    public void AddSignature(string id, ulong exactHash, ulong[] minhash)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(minhash);
        if (minhash.Length is not (0 or HashCount))
            throw new ArgumentException($"A signature has 0 or {HashCount} values, not {minhash.Length}.", nameof(minhash));
        lock (_lock)
        {
            if (_exact.ContainsKey(exactHash))
                return;
            Index(id, exactHash, (ulong[])minhash.Clone());
        }
    }

    private void Index(string id, ulong exact, ulong[] sig)
    {
        _exact[exact] = id;
        if (sig.Length == 0)
            return;
        int entry = _entries.Count;
        _entries.Add((id, sig));
        for (int b = 0; b < Bands; b++)
        {
            ulong key = BandKey(sig, b);
            if (!_buckets.TryGetValue(key, out var list))
                _buckets[key] = list = [];
            list.Add(entry);
        }
    }

    private DuplicateMatch? FindNear(ulong[] sig)
    {
        if (sig.Length == 0)
            return null;
        int best = -1;
        double bestSim = 0;
        HashSet<int>? seen = null;
        for (int b = 0; b < Bands; b++)
        {
            if (!_buckets.TryGetValue(BandKey(sig, b), out var list))
                continue;
            foreach (int e in list)
            {
                seen ??= [];
                if (!seen.Add(e))
                    continue;
                double sim = Similarity(sig, _entries[e].Sig);
                if (sim >= NearThreshold && (sim > bestSim || (sim == bestSim && e < best)))
                {
                    best = e;
                    bestSim = sim;
                }
            }
        }
        return best < 0 ? null : new DuplicateMatch(_entries[best].Id, bestSim, false);
    }

    /// <summary>Estimated Jaccard similarity: the share of equal positions in two signatures (0 when either is empty).</summary>
    public static double Similarity(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 || a.Length != b.Length)
            return 0;
        int same = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
                same++;
        }
        return (double)same / a.Length;
    }

    /// <summary>
    /// Hash of the text with whitespace runs collapsed to one space, trimmed, and case folded
    /// (invariant lower case): first 8 bytes of its SHA-256, little-endian.
    /// </summary>
    public static ulong ExactHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(char.ToLowerInvariant(c));
        }
        string norm = TextNormal.Nfc(sb.ToString());
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(norm), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    /// <summary>
    /// MinHash signature of the text's word 5-shingles (words: runs of letters and digits, lower
    /// case): 64 values, or an empty array when the text has fewer than 20 words.
    /// </summary>
    public static ulong[] Signature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = WordHashes(text);
        if (words.Count < MinWordsForNear)
            return [];
        var sig = new ulong[HashCount];
        Array.Fill(sig, ulong.MaxValue);
        for (int i = 0; i + ShingleSize <= words.Count; i++)
        {
            ulong h = 0x9E3779B97F4A7C15UL;
            for (int k = 0; k < ShingleSize; k++)
                h = Mix(h ^ words[i + k]) * 31;
            for (int f = 0; f < HashCount; f++)
            {
                ulong v = Mix(h ^ Seeds[f]);
                if (v < sig[f])
                    sig[f] = v;
            }
        }
        return sig;
    }

    /// <summary>A 64-bit FNV-1a hash per word (letters and digits, lower-cased, NFC).</summary>
    private static List<ulong> WordHashes(string text)
    {
        text = TextNormal.Nfc(text);
        var list = new List<ulong>(text.Length / 6);
        ulong h = 0;
        bool inWord = false;
        foreach (char raw in text)
        {
            if (char.IsLetterOrDigit(raw))
            {
                if (!inWord)
                {
                    h = 14695981039346656037UL;
                    inWord = true;
                }
                h = (h ^ char.ToLowerInvariant(raw)) * 1099511628211UL;
            }
            else if (inWord)
            {
                list.Add(h);
                inWord = false;
            }
        }
        if (inWord)
            list.Add(h);
        return list;
    }

    /// <summary>
    /// The LSH band keys of a signature (one per band of rows): texts that share any key are
    /// near-duplicate candidates. The store persists these, so changing them needs a store migration.
    /// </summary>
    public static long[] BandKeys(ulong[] signature)
    {
        if (signature.Length != HashCount)
            return [];
        var keys = new long[Bands];
        for (int b = 0; b < Bands; b++)
            keys[b] = unchecked((long)BandKey(signature, b));
        return keys;
    }

    private static ulong BandKey(ulong[] sig, int band)
    {
        ulong h = (ulong)band * 0xD6E8FEB86659FD93UL + 1;
        for (int r = 0; r < Rows; r++)
            h = Mix(h ^ sig[band * Rows + r]);
        return h;
    }

    /// <summary>SplitMix64 finaliser: a fast, well-spread 64-bit mix.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[HashCount];
        ulong s = 0x243F6A8885A308D3UL; // fixed: signatures must not change between runs
        for (int i = 0; i < HashCount; i++)
        {
            s += 0x9E3779B97F4A7C15UL;
            seeds[i] = Mix(s);
        }
        return seeds;
    }
}
