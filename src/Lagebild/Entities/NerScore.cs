using System.Globalization;
using System.Text;

namespace Lagebild.Entities;

/// <summary>Precision, recall and F1 from counts.</summary>
public readonly record struct Prf(int Tp, int Fp, int Fn)
{
    public double Precision => Tp + Fp == 0 ? 0 : (double)Tp / (Tp + Fp);
    public double Recall => Tp + Fn == 0 ? 0 : (double)Tp / (Tp + Fn);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"P {Precision:0.000} R {Recall:0.000} F1 {F1:0.000}");
}

/// <summary>
/// Entity-level scores with exact span and type, as <c>shared/tools/score_ner.py</c> computes them
/// (micro over PER, LOC, ORG, and per type).
/// </summary>
public sealed class NerScore
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _byType = new(StringComparer.Ordinal);
    private int _tp, _fp, _fn;

    public Prf Micro => new(_tp, _fp, _fn);

    public Prf Of(string type) => _byType.TryGetValue(type, out var c) ? new Prf(c.Tp, c.Fp, c.Fn) : default;

    public IEnumerable<string> Types => _byType.Keys.Order(StringComparer.Ordinal);

    /// <summary>Adds one sentence: gold and predicted BIO tags of equal length.</summary>
    public void Add(IReadOnlyList<string> gold, IReadOnlyList<string> predicted)
    {
        if (gold.Count != predicted.Count)
            throw new ArgumentException($"token counts differ: gold {gold.Count}, predicted {predicted.Count}");
        var g = NerLabels.Spans(gold).ToHashSet();
        var p = NerLabels.Spans(predicted).ToHashSet();
        foreach (var s in g.Union(p))
        {
            var c = _byType.GetValueOrDefault(s.Type);
            bool inG = g.Contains(s), inP = p.Contains(s);
            if (inG && inP) { c.Tp++; _tp++; }
            else if (inP) { c.Fp++; _fp++; }
            else { c.Fn++; _fn++; }
            _byType[s.Type] = c;
        }
    }

    public static NerScore Of(IReadOnlyList<NerSentence> gold, IReadOnlyList<IReadOnlyList<string>> predicted)
    {
        if (gold.Count != predicted.Count)
            throw new ArgumentException($"sentence counts differ: gold {gold.Count}, predicted {predicted.Count}");
        var score = new NerScore();
        for (int i = 0; i < gold.Count; i++)
            score.Add(gold[i].Tags, predicted[i]);
        return score;
    }

    /// <summary>One line per type and the micro line, like score_ner.py.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (var t in Types)
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{t}: precision={Of(t).Precision:0.000} recall={Of(t).Recall:0.000} f1={Of(t).F1:0.000}"));
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"micro: precision={Micro.Precision:0.000} recall={Micro.Recall:0.000} f1={Micro.F1:0.000}"));
        return sb.ToString();
    }
}
