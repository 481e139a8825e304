using System.Text;
using Lagebild.Ingest;

namespace Lagebild.Tests.Ingest;

public class EncodingTests
{
    private const string German = "Zürich, Düsseldorf, Straße, Äpfel";

    static EncodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] WithBom(Encoding e, string s) => [.. e.GetPreamble(), .. e.GetBytes(s)];

    public static TheoryData<string, byte[]> Encoded() => new()
    {
        { "utf-8", Encoding.UTF8.GetBytes(German) },
        { "utf-8 with BOM", WithBom(new UTF8Encoding(true), German) },
        { "utf-16le with BOM", WithBom(new UnicodeEncoding(false, true), German) },
        { "utf-16be with BOM", WithBom(new UnicodeEncoding(true, true), German) },
        { "utf-16le without BOM", new UnicodeEncoding(false, false).GetBytes(German) },
        { "utf-16be without BOM", new UnicodeEncoding(true, false).GetBytes(German) },
        { "utf-32le with BOM", WithBom(new UTF32Encoding(false, true), German) },
        { "windows-1252", Encoding.GetEncoding(1252).GetBytes(German) },
        { "latin-1", Encoding.Latin1.GetBytes(German) },
    };

    [Theory]
    [MemberData(nameof(Encoded))]
    public void Umlauts_survive_every_encoding(string name, byte[] bytes)
    {
        using var dir = new TempDir();
        string path = dir.Bytes("umlaut.txt", bytes);

        var outcomes = Run.Read(path);

        outcomes.AssertWellFormed();
        Assert.Empty(outcomes.Problems());
        var article = Assert.Single(outcomes.Articles());
        Assert.True(German == article.Text, $"{name}: read \"{article.Text}\"");
        Assert.Equal("umlaut", article.Id);
        Assert.Equal("text", article.Format);
    }

    [Fact]
    public void Windows1252_quotes_and_euro_sign_are_read_as_1252_not_latin1_controls()
    {
        // „Preis“ – 5 € : 0x84, 0x93, 0x96 and 0x80 are C1 controls in ISO-8859-1 but punctuation in 1252.
        string text = "Der „Preis“ – 5 € für Äpfel in Zürich, sagte der Händler in Düsseldorf.";
        using var dir = new TempDir();
        string path = dir.Bytes("quotes.txt", Encoding.GetEncoding(1252).GetBytes(text));

        var article = Assert.Single(Run.Read(path).Articles());

        Assert.Equal(text, article.Text);
    }

    [Fact]
    public void Long_utf8_with_multibyte_chars_across_chunk_boundaries_is_valid()
    {
        // 200 KB of two- and three-byte sequences: chunk edges fall inside characters.
        var sb = new StringBuilder();
        while (sb.Length < 200_000)
            sb.Append("Zürich – Straße „Äpfel“ ");
        string text = sb.ToString().Trim();
        using var dir = new TempDir();
        string path = dir.File("long.txt", text);

        var outcomes = Run.Read(path);

        Assert.Empty(outcomes.Problems());
        Assert.Equal(text, Assert.Single(outcomes.Articles()).Text);
    }

    [Fact]
    public void Truncated_utf8_yields_the_article_and_a_problem_with_the_byte_offset()
    {
        byte[] valid = Encoding.UTF8.GetBytes("Zürich, Düsseldorf, Stra");
        byte[] bytes = [.. valid, 0xC3]; // first byte of "ß", cut off
        using var dir = new TempDir();
        string path = dir.Bytes("cut.txt", bytes);

        var outcomes = Run.Read(path);

        var problem = Assert.Single(outcomes.Problems());
        Assert.Equal($"truncated UTF-8 at byte {valid.Length}", problem.Message);
        var article = Assert.Single(outcomes.Articles());
        Assert.Equal("Zürich, Düsseldorf, Stra\uFFFD", article.Text);
    }

    [Fact]
    public void Truncated_utf8_at_the_end_of_a_large_file_is_found()
    {
        var sb = new StringBuilder();
        while (sb.Length < 100_000)
            sb.Append("Größe Äpfel Übel ");
        byte[] valid = Encoding.UTF8.GetBytes(sb.ToString());
        byte[] bytes = [.. valid, 0xE2, 0x80]; // two of the three bytes of "–"
        using var dir = new TempDir();
        string path = dir.Bytes("big-cut.txt", bytes);

        var outcomes = Run.Read(path);

        Assert.Equal($"truncated UTF-8 at byte {valid.Length}", Assert.Single(outcomes.Problems()).Message);
        Assert.StartsWith("Größe Äpfel Übel", Assert.Single(outcomes.Articles()).Text);
    }

    [Fact]
    public void Utf8_with_one_damaged_byte_stays_utf8_and_reports_it()
    {
        byte[] a = Encoding.UTF8.GetBytes("Zürich und Düsseldorf ");
        byte[] b = Encoding.UTF8.GetBytes(" Straße und Äpfel");
        using var dir = new TempDir();
        string path = dir.Bytes("damaged.txt", [.. a, 0xFF, .. b]);

        var outcomes = Run.Read(path);

        Assert.Equal("Zürich und Düsseldorf \uFFFD Straße und Äpfel", Assert.Single(outcomes.Articles()).Text);
        Assert.StartsWith($"invalid UTF-8 at byte {a.Length}", Assert.Single(outcomes.Problems()).Message);
    }

    [Fact]
    public void Text_is_normalised_to_nfc_and_lf_line_ends()
    {
        using var dir = new TempDir();
        string path = dir.File("nfd.txt", "Zu\u0308rich\r\nDu\u0308sseldorf\rEnde");

        var article = Assert.Single(Run.Read(path).Articles());

        Assert.Equal("Zürich\nDüsseldorf\nEnde", article.Text);
    }

    [Theory]
    [InlineData(65535)] // CR is the last char of the first 64 K read, LF the first of the next
    [InlineData(65536)]
    [InlineData(10)]
    public void Line_ends_split_across_reads_become_one_lf(int before)
    {
        string text = new string('a', before) + "\r\nb\rc\n";

        string clean = TextNormal.ReadAllClean(new StringReader(text), 0);

        Assert.Equal(new string('a', before) + "\nb\nc", clean);
    }

    [Fact]
    public void Decoder_names_the_encodings_it_chose()
    {
        Assert.Equal("utf-8", TextDecoder.Decode(Encoding.UTF8.GetBytes(German)).Plan.Name);
        Assert.Equal("windows-1252", TextDecoder.Decode(Encoding.Latin1.GetBytes(German)).Plan.Name);
        Assert.Equal("utf-16le", TextDecoder.Decode(Encoding.Unicode.GetBytes(German)).Plan.Name);
        Assert.Equal("utf-16be", TextDecoder.Decode(Encoding.BigEndianUnicode.GetBytes(German)).Plan.Name);
    }

    [Fact]
    public void Declared_http_charset_is_used_for_non_utf8_bytes()
    {
        // ISO-8859-2 "ł" is 0xB3, which 1252 would read as "³".
        var latin2 = Encoding.GetEncoding("iso-8859-2");
        var (text, _) = TextDecoder.Decode(latin2.GetBytes("Łódź, Wrocław"), "iso-8859-2");
        Assert.Equal("Łódź, Wrocław", text);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 }, 0)]
    [InlineData(new byte[] { 0x41, 0xC3, 0xBC }, 3)]
    [InlineData(new byte[] { 0x41, 0xE2, 0x80 }, 1)]
    [InlineData(new byte[] { 0x41, 0xF0, 0x9F, 0x98 }, 1)]
    [InlineData(new byte[] { 0x41, 0xF0, 0x9F, 0x98, 0x80 }, 5)]
    public void Complete_utf8_length_cuts_only_an_incomplete_tail(byte[] bytes, int expected)
    {
        Assert.Equal(expected, TextDecoder.CompleteUtf8Length(bytes));
    }
}
