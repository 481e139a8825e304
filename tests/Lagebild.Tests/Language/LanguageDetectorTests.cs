using Lagebild.Language;

namespace Lagebild.Tests.Language;

public sealed class LanguageDetectorTests
{
    private static readonly LanguageDetector Detector = new();

    [Theory]
    [InlineData("Die Zahl der Festnahmen wurde landesweit zuletzt mit ungefähr 10.000 angegeben.", "de")]
    [InlineData("Einsatzkräfte nahmen mehrere Verdächtige in Gewahrsam.", "de")]
    [InlineData("The death toll from the floods rose to 17 on Tuesday, the government said.", "en")]
    [InlineData("Le gouvernement a annoncé que la situation est sous contrôle dans la capitale.", "fr")]
    [InlineData("El gobierno dijo que la situación en la capital es estable y que los servicios funcionan.", "es")]
    public void Detects_the_language_of_news_prose(string text, string expected) => Assert.Equal(expected, Detector.Detect(text));

    [Theory]
    [InlineData("")]
    [InlineData("1234 5678")]
    [InlineData("Almaty")]
    public void Too_little_text_is_undetermined(string text) => Assert.Equal(LanguageDetector.Undetermined, Detector.Detect(text));
}
