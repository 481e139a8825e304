namespace Lagebild.Model;

/// <summary>What a piece of in-text boilerplate is.</summary>
public enum BoilerplateKind
{
    /// <summary>A photo caption (its text is kept as metadata).</summary>
    Caption,
    /// <summary>A photo credit such as "Foto: Reuters/Pavel Mikheyev".</summary>
    Credit,
    /// <summary>An agency tag such as "(dpa, AFP)".</summary>
    AgencyTag,
    /// <summary>A leading date line such as "date 2022-01" left in a body.</summary>
    Dateline,
    /// <summary>A link to another story inside the body ("RELATED: Man killed in drive-by shooting", "Lesen Sie auch: …").</summary>
    Related,
    /// <summary>A line of the web page around the article: sign-in and subscription prompts, share buttons, copyright lines.</summary>
    Chrome,
}

/// <summary>A span of the text that facts must not be read from, with the value it carries.</summary>
/// <param name="Span">Where it sits in the document text.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Value">Credit holder, caption text or agency list as written.</param>
public sealed record BoilerplateSpan(TextSpan Span, BoilerplateKind Kind, string Value);
