namespace Lagebild.Model;

/// <summary>Coarse class of a token, assigned by the tokenizer.</summary>
public enum TokenKind : byte
{
    Word,
    /// <summary>Digits, possibly with German or English group and decimal separators (10.000, 1,5, 2,000).</summary>
    Number,
    /// <summary>A digit ordinal or a day of month written with a period (12.).</summary>
    Ordinal,
    /// <summary>A numeric date such as 9.1.2022 or 2022-01-09.</summary>
    Date,
    Punctuation,
    /// <summary>An opening or closing quotation mark of any style.</summary>
    Quote,
    Url,
    Symbol,
}

/// <summary>A token: a view into the document text by offsets. Its text is <c>doc.Text[Start..End]</c>.</summary>
public readonly record struct Token(int Start, int End, TokenKind Kind)
{
    public int Length => End - Start;

    public TextSpan Span => new(Start, End);
}

/// <summary>A sentence: a character span and the range of its tokens [FirstToken, EndToken).</summary>
public readonly record struct Sentence(int Start, int End, int FirstToken, int EndToken)
{
    public TextSpan Span => new(Start, End);

    public int TokenCount => EndToken - FirstToken;
}
