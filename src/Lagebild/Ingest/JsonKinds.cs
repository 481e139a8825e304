using System.Text.Json;

namespace Lagebild.Ingest;

/// <summary>Names of JSON value kinds for one-line error messages ("found a string"). Stateless.</summary>
internal static class JsonKinds
{
    public static string Describe(JsonValueKind k) => k switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
