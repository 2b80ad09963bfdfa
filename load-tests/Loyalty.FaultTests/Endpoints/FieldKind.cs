namespace Loyalty.FaultTests.Endpoints;

/// <summary>What a body field holds, which decides the hostile values tried in it.</summary>
internal enum FieldKind
{
    /// <summary>Printable text (an id, a name): control and format characters, surrounding spaces and excess length are refused.</summary>
    Text,

    /// <summary>An e-mail address: printable text with an '@'.</summary>
    Email,

    /// <summary>A phone number: with its country code, or in the national form of the engine's default region.</summary>
    Phone,

    /// <summary>A calendar date, <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary>A point in time, ISO 8601.</summary>
    Timestamp,

    /// <summary>A whole number between <see cref="FieldSpec.Minimum"/> and <see cref="FieldSpec.Maximum"/>.</summary>
    Integer,

    /// <summary>A whole number between <see cref="FieldSpec.Minimum"/> (below zero) and <see cref="FieldSpec.Maximum"/>, other than zero: points added or removed.</summary>
    SignedInteger,

    /// <summary>An amount between the bounds, with at most 2 decimals.</summary>
    Money,

    /// <summary>An array of line objects.</summary>
    Lines,
}
