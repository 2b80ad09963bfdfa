namespace Loyalty.FaultTests.Hostile;

/// <summary>The kinds of hostile input the fuzzer generates; every one is tried on every endpoint it applies to.</summary>
internal static class HostileCategories
{
    public const string RandomBytes = "random-bytes";
    public const string MalformedJson = "malformed-json";
    public const string RandomJson = "random-json";
    public const string NotAnObject = "not-an-object";
    public const string HugeNumber = "huge-number";
    public const string NegativeNumber = "negative-number";
    public const string Precision = "too-many-decimals";
    public const string Unicode = "unicode";
    public const string ControlCharacters = "control-characters";
    public const string LongString = "long-string";
    public const string WrongType = "wrong-type";
    public const string BadDate = "bad-date";
    public const string MissingField = "missing-field";
    public const string ExtraField = "extra-field";
    public const string DuplicateProperty = "duplicate-property";
    public const string NestedArrays = "nested-arrays";
    public const string HostilePath = "hostile-path";
    public const string HostileQuery = "hostile-query";
    public const string ContentType = "content-type";
    public const string WrongMethod = "wrong-method";

    /// <summary>The categories that apply to a body field, one or more values each.</summary>
    public static readonly IReadOnlyList<string> PerField =
        [Unicode, ControlCharacters, LongString, WrongType, MissingField, DuplicateProperty];

    /// <summary>The categories that apply to numeric fields besides <see cref="PerField"/>.</summary>
    public static readonly IReadOnlyList<string> PerNumericField = [HugeNumber, NegativeNumber, Precision];
}
