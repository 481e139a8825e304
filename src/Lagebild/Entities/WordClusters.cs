using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace Lagebild.Entities;

/// <summary>A word's clusters at three granularities (coarse → fine) and its capitalisation habit.</summary>
public readonly record struct WordCluster(string Word, int Count, byte Cap, short C1, short C2, short C3);

/// <summary>Settings of <see cref="WordClusters.Learn"/>.</summary>
public sealed class WordClusterOptions
{
    /// <summary>Words seen fewer times get no cluster.</summary>
    public int MinCount { get; set; } = 3;

    /// <summary>At most this many words (the most frequent) are clustered.</summary>
    public int MaxWords { get; set; } = 150_000;

    /// <summary>The most frequent words serve as contexts (at offsets −2, −1, +1, +2).</summary>
    public int ContextWords { get; set; } = 3000;

    /// <summary>Dimensions of the word vectors (truncated SVD of the PPMI matrix).</summary>
    public int Dimensions { get; set; } = 100;

    /// <summary>Clusters at the three granularities (coarse, middle, fine).</summary>
    public int[] Clusters { get; set; } = [64, 256, 1024];

    public int Iterations { get; set; } = 12;

    public int Seed { get; set; } = 7;

    public Action<string>? Log { get; set; }
}

/// <summary>
/// Word clusters learned from unlabelled text, a cheap stand-in for Brown clusters: each word is described by
/// the positive pointwise mutual information (context distribution smoothed by 0.75) of the frequent words at
/// offsets −2…+2 around it, reduced to a few dozen dimensions by a randomized truncated SVD (Halko et al. 2011),
/// then spherical k-means gives the fine clusters and k-means over their centroids the middle and coarse ones,
/// so that the three levels nest like prefixes of a Brown path. Also records how often a word is capitalised
/// where it does not start a sentence (German nouns are, names always, adjectives and verbs rarely).
/// </summary>
public static class WordClusters
{
    public static List<WordCluster> Learn(IEnumerable<IReadOnlyList<string>> sentences, WordClusterOptions options)
    {
        var log = options.Log ?? (_ => { });
        var clock = Stopwatch.StartNew();

        // 1. Vocabulary and capitalisation counts (normalised forms).
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<int>();
        var corpus = new List<int[]>();
        foreach (var s in sentences)
        {
            var row = new int[s.Count];
            for (int i = 0; i < s.Count; i++)
            {
                var form = NerFeatures.Normalize(s[i]);
                if (!ids.TryGetValue(form, out int id))
                {
                    ids[form] = id = counts.Count;
                    counts.Add(0);
                }
                counts[id]++;
                row[i] = id;
            }
            corpus.Add(row);
        }
        var forms = new string[ids.Count];
        foreach (var (f, id) in ids)
            forms[id] = f;
        long tokens = corpus.Sum(r => (long)r.Length);
        log($"clusters: {corpus.Count} sentences, {tokens} tokens, {forms.Length} forms ({clock.Elapsed.TotalSeconds:0.0} s)");

        // Capitalisation habit per lower-case form, counted where the word does not start the sentence.
        var capByLower = new Dictionary<string, (int Cap, int Low)>(StringComparer.Ordinal);
        foreach (var row in corpus)
        {
            for (int i = 1; i < row.Length; i++)
            {
                var f = forms[row[i]];
                if (f.Length == 0 || !char.IsLetter(f[0]))
                    continue;
                var key = f.ToLowerInvariant();
                var c = capByLower.GetValueOrDefault(key);
                if (char.IsUpper(f[0])) c.Cap++; else c.Low++;
                capByLower[key] = c;
            }
        }

        var byFrequency = Enumerable.Range(0, forms.Length).Where(i => counts[i] >= options.MinCount)
            .OrderByDescending(i => counts[i]).ThenBy(i => forms[i], StringComparer.Ordinal).Take(options.MaxWords).ToArray();
        int v = byFrequency.Length;
        var row2word = new int[forms.Length];
        Array.Fill(row2word, -1);
        for (int r = 0; r < v; r++)
            row2word[byFrequency[r]] = r;
        int k = Math.Min(options.ContextWords, v);
        var ctxIndex = new int[forms.Length];
        Array.Fill(ctxIndex, -1);
        for (int r = 0; r < k; r++)
            ctxIndex[byFrequency[r]] = r;
        int d = 4 * k;

        // 2. Co-occurrence pairs (word row, context column), sorted and counted.
        var pairs = new List<long>((int)Math.Min(int.MaxValue / 2, tokens * 4));
        foreach (var row in corpus)
        {
            for (int i = 0; i < row.Length; i++)
            {
                int wr = row2word[row[i]];
                if (wr < 0)
                    continue;
                for (int off = -2; off <= 2; off++)
                {
                    if (off == 0 || i + off < 0 || i + off >= row.Length)
                        continue;
                    int cx = ctxIndex[row[i + off]];
                    if (cx < 0)
                        continue;
                    int slot = off < 0 ? off + 2 : off + 1;
                    pairs.Add((long)wr * d + slot * k + cx);
                }
            }
        }
        var sorted = pairs.ToArray();
        pairs.Clear();
        Array.Sort(sorted);
        var rowPtr = new int[v + 1];
        var cols = new List<int>();
        var vals = new List<float>();
        var rowSum = new double[v];
        var colSum = new double[d];
        for (int i = 0; i < sorted.Length;)
        {
            long key = sorted[i];
            int j = i;
            while (j < sorted.Length && sorted[j] == key)
                j++;
            int r = (int)(key / d), col = (int)(key % d);
            cols.Add(col);
            vals.Add(j - i);
            rowPtr[r + 1]++;
            rowSum[r] += j - i;
            colSum[col] += j - i;
            i = j;
        }
        for (int r = 0; r < v; r++)
            rowPtr[r + 1] += rowPtr[r];
        var colArr = cols.ToArray();
        var valArr = vals.ToArray();
        double total = rowSum.Sum();
        double smoothedTotal = colSum.Sum(c => Math.Pow(c, 0.75));
        for (int r = 0; r < v; r++)
        {
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++)
            {
                double pmi = Math.Log(valArr[p] * smoothedTotal / (rowSum[r] * Math.Pow(colSum[colArr[p]], 0.75)));
                valArr[p] = (float)Math.Max(0, pmi);
            }
        }
        log($"clusters: {v} words × {d} contexts, {valArr.Length} non-zero PPMI cells ({clock.Elapsed.TotalSeconds:0.0} s)");

        // 3. Randomized truncated SVD.
        var csr = new Csr(v, d, rowPtr, colArr, valArr);
        int dims = Math.Min(options.Dimensions, Math.Min(v, d));
        int kk = Math.Min(dims + 10, Math.Min(v, d));
        var rng = new Random(options.Seed);
        var omega = new float[d * kk];
        for (int i = 0; i < omega.Length; i++)
            omega[i] = (float)Gaussian(rng);
        var y = csr.Times(omega, kk);
        Orthonormalise(y, v, kk);
        for (int q = 0; q < 2; q++)
        {
            var z = csr.TransposeTimes(y, kk);
            Orthonormalise(z, d, kk);
            y = csr.Times(z, kk);
            Orthonormalise(y, v, kk);
        }
        var b = csr.TransposeTimes(y, kk); // d × kk = Bᵀ
        var g = new double[kk * kk];
        for (int i = 0; i < kk; i++)
        {
            for (int j = i; j < kk; j++)
            {
                double sum = 0;
                for (int r = 0; r < d; r++)
                    sum += (double)b[r * kk + i] * b[r * kk + j];
                g[i * kk + j] = g[j * kk + i] = sum;
            }
        }
        var (eigenvalues, eigenvectors) = Jacobi(g, kk);
        var order = Enumerable.Range(0, kk).OrderByDescending(i => eigenvalues[i]).Take(dims).ToArray();
        var emb = new float[v * dims];
        Parallel.For(0, v, r =>
        {
            for (int a = 0; a < dims; a++)
            {
                int e = order[a];
                double weight = Math.Pow(Math.Max(eigenvalues[e], 0), 0.25); // σ^0.5
                double sum = 0;
                for (int j = 0; j < kk; j++)
                    sum += y[r * kk + j] * eigenvectors[j * kk + e];
                emb[r * dims + a] = (float)(sum * weight);
            }
            Normalise(emb.AsSpan(r * dims, dims));
        });
        log($"clusters: {dims}-dimensional word vectors ({clock.Elapsed.TotalSeconds:0.0} s)");

        // 4. Nested k-means: fine clusters over the words, then middle and coarse over the centroids.
        var weights = Enumerable.Range(0, v).Select(r => (float)Math.Log(1 + counts[byFrequency[r]])).ToArray();
        int fineK = Math.Min(options.Clusters[2], v);
        var (fine, fineCentroids) = KMeans(emb, weights, v, dims, fineK, options.Iterations, rng);
        var fineSizes = new float[fineK];
        for (int r = 0; r < v; r++)
            fineSizes[fine[r]] += weights[r];
        int midK = Math.Min(options.Clusters[1], fineK);
        var (mid, midCentroids) = KMeans(fineCentroids, fineSizes, fineK, dims, midK, options.Iterations * 2, rng);
        var midSizes = new float[midK];
        for (int c = 0; c < fineK; c++)
            midSizes[mid[c]] += fineSizes[c];
        int coarseK = Math.Min(options.Clusters[0], midK);
        var (coarse, _) = KMeans(midCentroids, midSizes, midK, dims, coarseK, options.Iterations * 2, rng);
        log($"clusters: {coarseK}/{midK}/{fineK} clusters ({clock.Elapsed.TotalSeconds:0.0} s)");

        var result = new List<WordCluster>(v);
        for (int r = 0; r < v; r++)
        {
            var form = forms[byFrequency[r]];
            int c3 = fine[r], c2 = mid[c3], c1 = coarse[c2];
            result.Add(new WordCluster(form, counts[byFrequency[r]], CapBucket(capByLower, form), (short)c1, (short)c2, (short)c3));
        }
        return result;
    }

    /// <summary>0 unknown; 1 never capitalised … 5 always capitalised (inside sentences).</summary>
    internal static byte CapBucket(Dictionary<string, (int Cap, int Low)> capByLower, string form)
    {
        if (form.Length == 0 || !char.IsLetter(form[0]) || !capByLower.TryGetValue(form.ToLowerInvariant(), out var c) || c.Cap + c.Low < 3)
            return 0;
        double ratio = (double)c.Cap / (c.Cap + c.Low);
        return ratio switch { < 0.02 => 1, < 0.3 => 2, < 0.7 => 3, < 0.98 => 4, _ => 5 };
    }

    /// <summary>Writes "word TAB count TAB cap TAB c1 TAB c2 TAB c3" lines.</summary>
    public static void Write(TextWriter writer, IEnumerable<WordCluster> clusters)
    {
        writer.WriteLine("# word\tcount\tcap\tc1\tc2\tc3");
        foreach (var c in clusters)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Word}\t{c.Count}\t{c.Cap}\t{c.C1}\t{c.C2}\t{c.C3}"));
    }

    public static List<WordCluster> Read(TextReader reader)
    {
        var list = new List<WordCluster>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("# ", StringComparison.Ordinal))
                continue;
            var f = line.Split('\t');
            if (f.Length < 6)
                continue;
            var inv = CultureInfo.InvariantCulture;
            list.Add(new WordCluster(f[0], int.Parse(f[1], inv), byte.Parse(f[2], inv), short.Parse(f[3], inv), short.Parse(f[4], inv), short.Parse(f[5], inv)));
        }
        return list;
    }

    private sealed class Csr(int rows, int cols, int[] rowPtr, int[] colIdx, float[] values)
    {
        /// <summary>M (rows×cols) · X (cols×k) → rows×k.</summary>
        public float[] Times(float[] x, int k)
        {
            var y = new float[rows * k];
            Parallel.For(0, rows, r =>
            {
                var yr = y.AsSpan(r * k, k);
                for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++)
                    Axpy(values[p], x.AsSpan(colIdx[p] * k, k), yr);
            });
            return y;
        }

        /// <summary>Mᵀ (cols×rows) · Y (rows×k) → cols×k.</summary>
        public float[] TransposeTimes(float[] y, int k)
        {
            int parts = Environment.ProcessorCount;
            var partials = new float[parts][];
            Parallel.For(0, parts, part =>
            {
                var z = new float[cols * k];
                for (int r = part; r < rows; r += parts)
                {
                    var yr = y.AsSpan(r * k, k);
                    for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++)
                        Axpy(values[p], yr, z.AsSpan(colIdx[p] * k, k));
                }
                partials[part] = z;
            });
            var sum = partials[0];
            for (int p = 1; p < parts; p++)
                Axpy(1, partials[p], sum);
            return sum;
        }
    }

    private static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var va = new Vector<float>(a);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                (new Vector<float>(y[i..]) + va * new Vector<float>(x[i..])).CopyTo(y[i..]);
        }
        for (; i < x.Length; i++)
            y[i] += a * x[i];
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float s = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            s = Vector.Sum(acc);
        }
        for (; i < a.Length; i++)
            s += a[i] * b[i];
        return s;
    }

    private static void Normalise(Span<float> x)
    {
        float n = MathF.Sqrt(Dot(x, x));
        if (n > 0)
        {
            for (int i = 0; i < x.Length; i++)
                x[i] /= n;
        }
    }

    /// <summary>Modified Gram-Schmidt on the columns of a row-major rows×k matrix.</summary>
    private static void Orthonormalise(float[] m, int rows, int k)
    {
        var col = new double[rows];
        for (int j = 0; j < k; j++)
        {
            for (int i = 0; i < j; i++)
            {
                double dot = 0;
                for (int r = 0; r < rows; r++)
                    dot += (double)m[r * k + i] * m[r * k + j];
                for (int r = 0; r < rows; r++)
                    m[r * k + j] -= (float)(dot * m[r * k + i]);
            }
            double norm = 0;
            for (int r = 0; r < rows; r++)
                norm += (double)m[r * k + j] * m[r * k + j];
            norm = Math.Sqrt(norm);
            for (int r = 0; r < rows; r++)
                m[r * k + j] = norm > 1e-12 ? (float)(m[r * k + j] / norm) : 0;
        }
        _ = col;
    }

    /// <summary>Eigen-decomposition of a symmetric n×n matrix by cyclic Jacobi rotations; eigenvectors in columns.</summary>
    private static (double[] Values, double[] Vectors) Jacobi(double[] a, int n)
    {
        var v = new double[n * n];
        for (int i = 0; i < n; i++)
            v[i * n + i] = 1;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                    off += a[p * n + q] * a[p * n + q];
            if (off < 1e-18)
                break;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (Math.Abs(apq) < 1e-300)
                        continue;
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0)
                        t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double vkp = v[k * n + p], vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = a[i * n + i];
        return (values, v);
    }

    /// <summary>Weighted spherical k-means (cosine) with k-means++ seeding; returns assignments and unit centroids.</summary>
    private static (int[] Assign, float[] Centroids) KMeans(float[] x, float[] weight, int n, int dims, int k, int iterations, Random rng)
    {
        var centroids = new float[k * dims];
        // k-means++ seeding on cosine distance.
        var dist = new double[n];
        Array.Fill(dist, double.MaxValue);
        int first = rng.Next(n);
        x.AsSpan(first * dims, dims).CopyTo(centroids.AsSpan(0, dims));
        for (int c = 1; c < k; c++)
        {
            var prev = centroids.AsSpan((c - 1) * dims, dims).ToArray();
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                double dd = Math.Max(0, 1 - Dot(x.AsSpan(i * dims, dims), prev));
                if (dd < dist[i])
                    dist[i] = dd;
                total += dist[i] * weight[i];
            }
            double pick = rng.NextDouble() * total;
            int chosen = n - 1;
            for (int i = 0; i < n; i++)
            {
                pick -= dist[i] * weight[i];
                if (pick <= 0)
                {
                    chosen = i;
                    break;
                }
            }
            x.AsSpan(chosen * dims, dims).CopyTo(centroids.AsSpan(c * dims, dims));
        }
        var assign = new int[n];
        for (int it = 0; it < iterations; it++)
        {
            int changed = 0;
            Parallel.For(0, n, () => 0, (i, _, ch) =>
            {
                var xi = x.AsSpan(i * dims, dims);
                int best = 0;
                float bestSim = float.NegativeInfinity;
                for (int c = 0; c < k; c++)
                {
                    float sim = Dot(xi, centroids.AsSpan(c * dims, dims));
                    if (sim > bestSim)
                    {
                        bestSim = sim;
                        best = c;
                    }
                }
                if (assign[i] != best || it == 0)
                    ch++;
                assign[i] = best;
                return ch;
            }, ch => Interlocked.Add(ref changed, ch));
            Array.Clear(centroids);
            var mass = new float[k];
            for (int i = 0; i < n; i++)
            {
                Axpy(weight[i], x.AsSpan(i * dims, dims), centroids.AsSpan(assign[i] * dims, dims));
                mass[assign[i]] += weight[i];
            }
            for (int c = 0; c < k; c++)
            {
                if (mass[c] == 0)
                    x.AsSpan(rng.Next(n) * dims, dims).CopyTo(centroids.AsSpan(c * dims, dims)); // re-seed an empty cluster
                Normalise(centroids.AsSpan(c * dims, dims));
            }
            if (changed == 0)
                break;
        }
        return (assign, centroids);
    }

    private static double Gaussian(Random rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
