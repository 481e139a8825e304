using System.Runtime.CompilerServices;

namespace Lagebild.Entities;

/// <summary>
/// Feature extraction for the NER model: every feature is a hashed (template, value) pair mapped to a row of
/// the weight table (feature hashing; no feature strings are built). Per token: word form and lower case,
/// prefixes and suffixes 1–4, shape and short shape, capitalisation and the word's capitalisation habit in
/// unlabelled text, digits and hyphens, position, the parts of hyphenated compounds, word clusters at three
/// granularities, gazetteer flags; and the same for the neighbours (±1, ±2 words, ±1 shapes, clusters, flags)
/// with a few conjunctions. Stateless apart from the immutable lexicon: thread-safe.
/// </summary>
public sealed class NerFeatures
{
    /// <summary>Version of the feature templates; a model trained with another version cannot be read.</summary>
    public const int TemplateVersion = 1;

    private const int MaxChars = 48;

    /// <summary>Upper bound of the rows one token emits.</summary>
    public const int MaxRowsPerToken = 256;

    public NerFeatures(NerLexicon lexicon, int bits)
    {
        if (bits is < 10 or > 26)
            throw new ArgumentOutOfRangeException(nameof(bits));
        Lexicon = lexicon;
        Bits = bits;
        _shift = 64 - bits;
    }

    public NerLexicon Lexicon { get; }

    /// <summary>log2 of the number of weight rows.</summary>
    public int Bits { get; }

    private readonly int _shift;

    /// <summary>Per-token values that features combine (hashes, clusters, flags).</summary>
    internal struct Tok
    {
        public ulong Form, Lower, Shape, Short, P1, P2, P3, P4, S1, S2, S3, S4, HypFirst, HypLast;
        public int C1, C2, C3;
        public LexFlags Gaz, HypGaz;
        public byte Cap, Kind, Len;
    }

    // Kind bits.
    private const byte KCap = 1, KAllCaps = 2, KDigit = 4, KHyphen = 8, KNoAlnum = 16, KAllDigits = 32, KDot = 64, KLower = 128;

    // Template ids.
    private enum T : ulong
    {
        Bias = 1, Form, Lower, Shape, Short, P1, P2, P3, P4, S1, S2, S3, S4,
        LowerM1, LowerP1, LowerM2, LowerP2, ShortM1, ShortP1, BiM1, BiP1, TriShape,
        C1, C2, C3, C1M1, C1P1, C2M1, C2P1, C3M1, C3P1, C3Bi,
        Gaz, GazM1, GazP1, GazM2, GazP2,
        Initial, Cap, CapShort, HypFirst, HypLast, HypGaz, Position, LenShort, KindM1, KindP1, S3M1, ShortLowerM1, ShortLowerP1,
        GazCap, C2Lower, LowerM1C2P1,
    }

    private static readonly ulong s_bos = Fnv("<S>"), s_eos = Fnv("</S>");

    /// <summary>Normalises a token for features and lexicon keys: long s → s, soft hyphens dropped, digits → 0. Returns the length written.</summary>
    public static int Normalize(ReadOnlySpan<char> token, Span<char> into)
    {
        int n = 0;
        foreach (char c in token)
        {
            if (n == into.Length)
                break;
            char d = c switch
            {
                'ſ' => 's',
                '\u00AD' => '\0',
                >= '0' and <= '9' => '0',
                _ => c,
            };
            if (d != '\0')
                into[n++] = d;
        }
        return n;
    }

    /// <summary>The normalised form of a token as a string (for lexicon keys).</summary>
    public static string Normalize(string token)
    {
        Span<char> buf = stackalloc char[Math.Min(token.Length, 256)];
        int n = Normalize(token.AsSpan(0, Math.Min(token.Length, 256)), buf);
        return new string(buf[..n]);
    }

    /// <summary>
    /// Extracts the feature rows of every token of a sentence into <paramref name="features"/> (grown as needed);
    /// token <c>i</c> has rows <c>features[offsets[i]..offsets[i + 1]]</c>.
    /// </summary>
    internal void Extract(IReadOnlyList<string> tokens, ref int[] features, ref int[] offsets, ref Tok[] scratch)
    {
        int n = tokens.Count;
        if (scratch.Length < n)
            scratch = new Tok[Math.Max(n, scratch.Length * 2)];
        if (offsets.Length < n + 1)
            offsets = new int[Math.Max(n + 1, offsets.Length * 2)];
        for (int i = 0; i < n; i++)
            Describe(tokens[i], ref scratch[i]);
        int k = 0;
        for (int i = 0; i < n; i++)
        {
            // A token emits at most ~190 rows (every flag bit set at five positions); typical is ~55.
            if (features.Length < k + MaxRowsPerToken)
                Array.Resize(ref features, Math.Max(k + MaxRowsPerToken, Math.Max(n * 64, features.Length * 2)));
            offsets[i] = k;
            k = Emit(scratch, n, i, features, k);
        }
        offsets[n] = k;
    }

    private int Emit(Tok[] toks, int n, int i, int[] f, int k)
    {
        ref Tok t = ref toks[i];
        bool hasM1 = i > 0, hasP1 = i + 1 < n, hasM2 = i > 1, hasP2 = i + 2 < n;
        ulong lowM1 = hasM1 ? toks[i - 1].Lower : s_bos, lowP1 = hasP1 ? toks[i + 1].Lower : s_eos;
        ulong lowM2 = hasM2 ? toks[i - 2].Lower : s_bos, lowP2 = hasP2 ? toks[i + 2].Lower : s_eos;
        ulong shM1 = hasM1 ? toks[i - 1].Short : s_bos, shP1 = hasP1 ? toks[i + 1].Short : s_eos;

        f[k++] = Row(T.Bias, 0);
        f[k++] = Row(T.Form, t.Form);
        f[k++] = Row(T.Lower, t.Lower);
        f[k++] = Row(T.Shape, t.Shape);
        f[k++] = Row(T.Short, t.Short);
        f[k++] = Row(T.P1, t.P1);
        if (t.Len > 1) f[k++] = Row(T.P2, t.P2);
        if (t.Len > 2) f[k++] = Row(T.P3, t.P3);
        if (t.Len > 3) f[k++] = Row(T.P4, t.P4);
        f[k++] = Row(T.S1, t.S1);
        if (t.Len > 1) f[k++] = Row(T.S2, t.S2);
        if (t.Len > 2) f[k++] = Row(T.S3, t.S3);
        if (t.Len > 3) f[k++] = Row(T.S4, t.S4);
        f[k++] = Row(T.LowerM1, lowM1);
        f[k++] = Row(T.LowerP1, lowP1);
        f[k++] = Row(T.LowerM2, lowM2);
        f[k++] = Row(T.LowerP2, lowP2);
        f[k++] = Row(T.ShortM1, shM1);
        f[k++] = Row(T.ShortP1, shP1);
        f[k++] = Row(T.BiM1, Mix(lowM1, t.Lower));
        f[k++] = Row(T.BiP1, Mix(t.Lower, lowP1));
        f[k++] = Row(T.TriShape, Mix(Mix(shM1, t.Short), shP1));
        f[k++] = Row(T.ShortLowerM1, Mix(t.Short, lowM1));
        f[k++] = Row(T.ShortLowerP1, Mix(t.Short, lowP1));
        f[k++] = Row(T.KindM1, (ulong)(hasM1 ? toks[i - 1].Kind : 255) << 8 | t.Kind);
        f[k++] = Row(T.KindP1, (ulong)(hasP1 ? toks[i + 1].Kind : 255) << 8 | t.Kind);
        if (hasM1)
            f[k++] = Row(T.S3M1, toks[i - 1].S3);

        if (t.C1 >= 0)
        {
            f[k++] = Row(T.C1, (ulong)t.C1);
            f[k++] = Row(T.C2, (ulong)t.C2);
            f[k++] = Row(T.C3, (ulong)t.C3);
            f[k++] = Row(T.C2Lower, Mix((ulong)t.C2, lowM1));
        }
        int c1M1 = hasM1 ? toks[i - 1].C1 : -2, c1P1 = hasP1 ? toks[i + 1].C1 : -2;
        int c2M1 = hasM1 ? toks[i - 1].C2 : -2, c2P1 = hasP1 ? toks[i + 1].C2 : -2;
        int c3M1 = hasM1 ? toks[i - 1].C3 : -2, c3P1 = hasP1 ? toks[i + 1].C3 : -2;
        f[k++] = Row(T.C1M1, (ulong)(c1M1 + 2));
        f[k++] = Row(T.C1P1, (ulong)(c1P1 + 2));
        f[k++] = Row(T.C2M1, (ulong)(c2M1 + 2));
        f[k++] = Row(T.C2P1, (ulong)(c2P1 + 2));
        f[k++] = Row(T.C3M1, (ulong)(c3M1 + 2));
        f[k++] = Row(T.C3P1, (ulong)(c3P1 + 2));
        f[k++] = Row(T.C3Bi, Mix((ulong)(t.C3 + 2), (ulong)(c3P1 + 2)));
        f[k++] = Row(T.LowerM1C2P1, Mix(lowM1, (ulong)(c2P1 + 2)));

        k = EmitFlags(T.Gaz, t.Gaz, f, k);
        if (t.Gaz != 0)
            f[k++] = Row(T.GazCap, Mix((ulong)t.Gaz, t.Kind));
        if (hasM1) k = EmitFlags(T.GazM1, toks[i - 1].Gaz, f, k);
        if (hasP1) k = EmitFlags(T.GazP1, toks[i + 1].Gaz, f, k);
        if (hasM2) k = EmitFlags(T.GazM2, toks[i - 2].Gaz, f, k);
        if (hasP2) k = EmitFlags(T.GazP2, toks[i + 2].Gaz, f, k);

        if (i == 0)
            f[k++] = Row(T.Initial, t.Lower);
        f[k++] = Row(T.Cap, (ulong)t.Cap << 1 | (i == 0 ? 1UL : 0));
        f[k++] = Row(T.CapShort, Mix(t.Short, (ulong)t.Cap << 1 | (i == 0 ? 1UL : 0)));
        if ((t.Kind & KHyphen) != 0)
        {
            f[k++] = Row(T.HypFirst, t.HypFirst);
            f[k++] = Row(T.HypLast, t.HypLast);
            k = EmitFlags(T.HypGaz, t.HypGaz, f, k);
        }
        f[k++] = Row(T.Position, (ulong)Math.Min(i, 3) << 2 | (ulong)Math.Min(n - 1 - i, 3));
        f[k++] = Row(T.LenShort, Mix(t.Short, (ulong)Math.Min((int)t.Len, 12)));
        return k;
    }

    private int EmitFlags(T template, LexFlags flags, int[] f, int k)
    {
        uint bits = (uint)flags;
        while (bits != 0)
        {
            int b = System.Numerics.BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            f[k++] = Row(template, (ulong)b + 1);
        }
        return k;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Row(T template, ulong value) => (int)(Mix((ulong)template * 0x9E3779B97F4A7C15UL, value) >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mix(ulong a, ulong b)
    {
        ulong h = a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2));
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        h ^= h >> 33;
        return h;
    }

    private const ulong FnvOffset = 14695981039346656037UL, FnvPrime = 1099511628211UL;

    private static ulong Fnv(ReadOnlySpan<char> s)
    {
        ulong h = FnvOffset;
        foreach (char c in s)
            h = (h ^ c) * FnvPrime;
        return h;
    }

    private void Describe(string token, ref Tok t)
    {
        Span<char> norm = stackalloc char[MaxChars];
        int n = Normalize(token.AsSpan(0, Math.Min(token.Length, MaxChars * 2)), norm);
        if (n == 0)
        {
            norm[0] = '_';
            n = 1;
        }
        var form = norm[..n];
        Span<char> lower = stackalloc char[n];
        byte kind = 0;
        bool anyAlnum = false, allDigits = true, allUpper = true, anyLetter = false;
        ulong shape = FnvOffset, shortShape = FnvOffset;
        char lastShape = '\0';
        int shapeLen = 0;
        int hyphen = -1, lastHyphen = -1;
        for (int i = 0; i < n; i++)
        {
            char c = form[i];
            lower[i] = char.ToLowerInvariant(c);
            char s;
            if (char.IsUpper(c)) { s = 'X'; anyLetter = true; allDigits = false; anyAlnum = true; }
            else if (char.IsLower(c)) { s = 'x'; anyLetter = true; allDigits = false; allUpper = false; anyAlnum = true; }
            else if (c == '0') { s = 'd'; kind |= KDigit; anyAlnum = true; }
            else if (char.IsLetter(c)) { s = 'x'; anyLetter = true; allDigits = false; anyAlnum = true; }
            else
            {
                s = c is '-' or '–' ? '-' : c;
                allDigits = false;
                if (c == '-' && i > 0 && i < n - 1)
                {
                    if (hyphen < 0) hyphen = i;
                    lastHyphen = i;
                }
                if (c == '.') kind |= KDot;
            }
            if (shapeLen < 16)
            {
                shape = (shape ^ s) * FnvPrime;
                shapeLen++;
            }
            if (s != lastShape)
            {
                shortShape = (shortShape ^ s) * FnvPrime;
                lastShape = s;
            }
        }
        if (anyLetter && char.IsUpper(form[0])) kind |= KCap;
        if (anyLetter && allUpper && n > 1) kind |= KAllCaps;
        if (anyLetter && char.IsLower(form[0])) kind |= KLower;
        if (hyphen > 0) kind |= KHyphen;
        if (!anyAlnum) kind |= KNoAlnum;
        if (allDigits && anyAlnum) kind |= KAllDigits;

        t.Form = Fnv(form);
        t.Lower = Fnv(lower);
        t.Shape = shape ^ (ulong)Math.Min(n, 16) << 56;
        t.Short = shortShape;
        t.Kind = kind;
        t.Len = (byte)Math.Min(n, 255);
        ulong h = FnvOffset ^ 0x5bd1e995UL;
        for (int i = 0; i < 4; i++)
        {
            if (i < n)
                h = (h ^ lower[i]) * FnvPrime;
            switch (i)
            {
                case 0: t.P1 = h; break;
                case 1: t.P2 = h; break;
                case 2: t.P3 = h; break;
                default: t.P4 = h; break;
            }
        }
        h = FnvOffset ^ 0x1b873593UL;
        for (int i = 0; i < 4; i++)
        {
            if (i < n)
                h = (h ^ lower[n - 1 - i]) * FnvPrime;
            switch (i)
            {
                case 0: t.S1 = h; break;
                case 1: t.S2 = h; break;
                case 2: t.S3 = h; break;
                default: t.S4 = h; break;
            }
        }
        var info = Lexicon.Lookup(form);
        t.C1 = info.C1;
        t.C2 = info.C2;
        t.C3 = info.C3;
        t.Gaz = info.Flags;
        t.Cap = info.Cap;
        if (hyphen > 0)
        {
            t.HypFirst = Fnv(lower[..hyphen]);
            t.HypLast = Fnv(lower[(lastHyphen + 1)..]);
            var first = Lexicon.Lookup(form[..hyphen]);
            var last = Lexicon.Lookup(form[(lastHyphen + 1)..]);
            // Flags of the first part in bits 0–17, of the last part (up to OrgCue) in bits 18–31: distinct feature values.
            t.HypGaz = (LexFlags)(((uint)first.Flags & 0x3FFFF) | (((uint)last.Flags & 0x3FFF) << 18));
        }
        else
        {
            t.HypFirst = t.HypLast = 0;
            t.HypGaz = LexFlags.None;
        }
    }
}
