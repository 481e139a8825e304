using System.IO.Compression;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Lagebild.Entities;

/// <summary>
/// A linear-chain NER model: hashed feature rows of 8 floats (7 labels + padding) in one flat array, label
/// transition weights, and Viterbi decoding under BIO constraints (an I-X only after B-X or I-X). Trained by
/// <see cref="NerTrainer"/> (averaged structured perceptron); saved as a gzip file with int8-quantised,
/// pruned weights. Immutable once built: one model serves every thread (each caller brings a <see cref="Workspace"/>).
/// </summary>
public sealed class NerModel
{
    public const int Stride = 8;
    private const int L = NerLabels.Count;
    /// <summary>Row of <see cref="Transitions"/> for the sentence start; column <c>Stride - 1</c> is the sentence end.</summary>
    public const int StartRow = 7;
    private static readonly byte[] s_magic = "LBNER"u8.ToArray();
    private const int FileVersion = 1;

    public NerModel(NerFeatures features, float[] weights, float[] transitions, string description = "")
    {
        if (weights.Length != (1 << features.Bits) * Stride)
            throw new ArgumentException("weights do not match the feature table size", nameof(weights));
        if (transitions.Length != Stride * Stride)
            throw new ArgumentException("transitions must be 8×8", nameof(transitions));
        Features = features;
        Weights = weights;
        Transitions = transitions;
        Description = description;
    }

    public NerFeatures Features { get; }

    /// <summary>Row-major: row r, label l at <c>r * 8 + l</c>.</summary>
    internal float[] Weights { get; }

    /// <summary>[previous * 8 + current]; previous 7 = start; current 7 = end.</summary>
    internal float[] Transitions { get; }

    /// <summary>Free text: how the model was trained (corpora, options).</summary>
    public string Description { get; }

    /// <summary>Buffers for one thread's predictions.</summary>
    public sealed class Workspace
    {
        internal int[] Features = new int[4096];
        internal int[] Offsets = new int[64];
        internal NerFeatures.Tok[] Toks = new NerFeatures.Tok[64];
        internal float[] Scores = new float[64 * Stride];
        internal float[] Delta = new float[64 * Stride];
        internal int[] Back = new int[64 * Stride];

        internal void Ensure(int n)
        {
            if (Scores.Length < n * Stride)
            {
                int size = Math.Max(n, Scores.Length / Stride * 2) * Stride;
                Scores = new float[size];
                Delta = new float[size];
                Back = new int[size];
            }
        }
    }

    /// <summary>Tags a sentence: label ids (indexes into <see cref="NerLabels.All"/>) into <paramref name="labels"/>.</summary>
    public void Predict(IReadOnlyList<string> tokens, Span<int> labels, Workspace ws)
    {
        int n = tokens.Count;
        if (n == 0)
            return;
        Features.Extract(tokens, ref ws.Features, ref ws.Offsets, ref ws.Toks);
        ws.Ensure(n);
        Emissions(Weights, ws.Features, ws.Offsets, n, ws.Scores);
        Viterbi(ws.Scores, Transitions, n, labels, ws.Delta, ws.Back);
    }

    /// <summary>Sums the weight rows of each token's features: scores[i * 8 + label].</summary>
    internal static void Emissions(float[] weights, int[] features, int[] offsets, int n, float[] scores)
    {
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(weights);
        for (int i = 0; i < n; i++)
        {
            if (Vector256.IsHardwareAccelerated)
            {
                var acc = Vector256<float>.Zero;
                for (int k = offsets[i], end = offsets[i + 1]; k < end; k++)
                    acc += Vector256.LoadUnsafe(ref w0, (nuint)features[k] * Stride);
                acc.StoreUnsafe(ref scores[i * Stride]);
            }
            else
            {
                Span<float> acc = stackalloc float[Stride];
                acc.Clear();
                for (int k = offsets[i], end = offsets[i + 1]; k < end; k++)
                {
                    int r = features[k] * Stride;
                    for (int l = 0; l < L; l++)
                        acc[l] += weights[r + l];
                }
                acc.CopyTo(scores.AsSpan(i * Stride, Stride));
            }
        }
    }

    /// <summary>True when label <paramref name="cur"/> may follow <paramref name="prev"/> (StartRow for the start) under BIO.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool Allowed(int prev, int cur) =>
        !NerLabels.IsInside(cur) || (prev != StartRow && prev != 0 && NerLabels.TypeOf(prev) == NerLabels.TypeOf(cur));

    /// <summary>Best label sequence under emissions + transitions with BIO constraints.</summary>
    internal static void Viterbi(float[] scores, float[] trans, int n, Span<int> labels, float[] delta, int[] back)
    {
        const float NegInf = float.NegativeInfinity;
        for (int c = 0; c < L; c++)
            delta[c] = Allowed(StartRow, c) ? scores[c] + trans[StartRow * Stride + c] : NegInf;
        for (int i = 1; i < n; i++)
        {
            int row = i * Stride, prevRow = row - Stride;
            for (int c = 0; c < L; c++)
            {
                float best = NegInf;
                int arg = 0;
                for (int p = 0; p < L; p++)
                {
                    if (!Allowed(p, c))
                        continue;
                    float v = delta[prevRow + p] + trans[p * Stride + c];
                    if (v > best)
                    {
                        best = v;
                        arg = p;
                    }
                }
                delta[row + c] = best + scores[row + c];
                back[row + c] = arg;
            }
        }
        int last = (n - 1) * Stride, bestLabel = 0;
        float bestScore = NegInf;
        for (int c = 0; c < L; c++)
        {
            float v = delta[last + c] + trans[c * Stride + StartRow];
            if (v > bestScore)
            {
                bestScore = v;
                bestLabel = c;
            }
        }
        for (int i = n - 1; i >= 0; i--)
        {
            labels[i] = bestLabel;
            bestLabel = back[i * Stride + bestLabel];
        }
    }

    /// <summary>Writes the model: header, description, transitions, lexicon, then the non-zero weight rows quantised to int8 (gzip).</summary>
    /// <param name="minWeight">Rows whose largest absolute weight is below this are dropped (pruning).</param>
    public void Save(Stream stream, float minWeight = 0f)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8, leaveOpen: true);
        w.Write(s_magic);
        w.Write(FileVersion);
        w.Write(NerFeatures.TemplateVersion);
        w.Write(Features.Bits);
        w.Write(Description);
        foreach (var t in Transitions)
            w.Write(t);

        var words = Features.Lexicon.Words.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        w.Write(words.Count);
        // Keys front-coded against the previous key (sorted), then the fields in columns: compresses well.
        string prev = "";
        foreach (var (key, _) in words)
        {
            int common = 0;
            while (common < prev.Length && common < key.Length && common < 255 && prev[common] == key[common])
                common++;
            w.Write((byte)common);
            w.Write(key[common..]);
            prev = key;
        }
        foreach (var (_, info) in words)
            w.Write(info.C1);
        foreach (var (_, info) in words)
            w.Write(info.C2);
        foreach (var (_, info) in words)
            w.Write(info.C3);
        foreach (var (_, info) in words)
            w.Write((uint)info.Flags);
        foreach (var (_, info) in words)
            w.Write(info.Cap);

        int rows = 1 << Features.Bits;
        var keep = new List<int>();
        var scales = new List<Half>();
        for (int r = 0; r < rows; r++)
        {
            float m = 0;
            for (int l = 0; l < L; l++)
                m = Math.Max(m, Math.Abs(Weights[r * Stride + l]));
            if (m > 0 && m >= minWeight)
            {
                keep.Add(r);
                scales.Add((Half)(m / 127f));
            }
        }
        w.Write(keep.Count);
        int last = 0;
        foreach (int r in keep)
        {
            w.Write7BitEncodedInt(r - last);
            last = r;
        }
        // One scale per row (half precision), then label-major columns of int8: the same label's weights sit together and compress better.
        foreach (var h in scales)
            w.Write(h);
        for (int l = 0; l < L; l++)
        {
            for (int i = 0; i < keep.Count; i++)
            {
                float scale = (float)scales[i];
                w.Write((sbyte)(scale > 0 ? Math.Clamp(MathF.Round(Weights[keep[i] * Stride + l] / scale), -127, 127) : 0));
            }
        }
    }

    public void Save(string path, float minWeight = 0f)
    {
        using var file = File.Create(path);
        Save(file, minWeight);
    }

    public static NerModel Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    /// <summary>Reads a model written by <see cref="Save(Stream, float)"/>.</summary>
    /// <exception cref="InvalidDataException">Not a model file, or one of another version.</exception>
    public static NerModel Load(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var buffered = new BufferedStream(gz, 1 << 16);
        using var r = new BinaryReader(buffered, Encoding.UTF8, leaveOpen: true);
        byte[] magic;
        try
        {
            magic = r.ReadBytes(s_magic.Length);
        }
        catch (InvalidDataException)
        {
            throw new InvalidDataException("not a Lagebild NER model (not gzip)");
        }
        if (!magic.AsSpan().SequenceEqual(s_magic))
            throw new InvalidDataException("not a Lagebild NER model");
        int version = r.ReadInt32(), templates = r.ReadInt32();
        if (version != FileVersion || templates != NerFeatures.TemplateVersion)
            throw new InvalidDataException($"NER model version {version}/{templates}; this build reads {FileVersion}/{NerFeatures.TemplateVersion}");
        int bits = r.ReadInt32();
        var description = r.ReadString();
        var trans = new float[Stride * Stride];
        for (int i = 0; i < trans.Length; i++)
            trans[i] = r.ReadSingle();

        int count = r.ReadInt32();
        var keys = new string[count];
        string prev = "";
        for (int i = 0; i < count; i++)
        {
            int common = r.ReadByte();
            var rest = r.ReadString();
            keys[i] = prev = common == 0 ? rest : string.Concat(prev.AsSpan(0, common), rest);
        }
        var c1 = new short[count];
        var c2 = new short[count];
        var c3 = new short[count];
        var flags = new uint[count];
        for (int i = 0; i < count; i++) c1[i] = r.ReadInt16();
        for (int i = 0; i < count; i++) c2[i] = r.ReadInt16();
        for (int i = 0; i < count; i++) c3[i] = r.ReadInt16();
        for (int i = 0; i < count; i++) flags[i] = r.ReadUInt32();
        var words = new Dictionary<string, WordInfo>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
            words[keys[i]] = new WordInfo(c1[i], c2[i], c3[i], (LexFlags)flags[i], r.ReadByte());

        int kept = r.ReadInt32();
        var rows = new int[kept];
        int last = 0;
        for (int i = 0; i < kept; i++)
            rows[i] = last += r.Read7BitEncodedInt();
        var scales = new float[kept];
        for (int i = 0; i < kept; i++)
            scales[i] = (float)r.ReadHalf();
        var weights = new float[(1 << bits) * Stride];
        for (int l = 0; l < L; l++)
        {
            var column = r.ReadBytes(kept);
            if (column.Length != kept)
                throw new EndOfStreamException("NER model file is truncated");
            for (int i = 0; i < kept; i++)
                weights[rows[i] * Stride + l] = (sbyte)column[i] * scales[i];
        }
        return new NerModel(new NerFeatures(new NerLexicon(words), bits), weights, trans, description);
    }
}
