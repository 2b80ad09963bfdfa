namespace Loyalty.FaultTests.Endpoints;

/// <summary>One field of a request body, by its path in the valid body (<c>lines[0].quantity</c>).</summary>
/// <param name="Path">Dot-separated property names; <c>[0]</c> steps into the first element of an array.</param>
/// <param name="Kind">What the field holds.</param>
/// <param name="Required">Whether leaving it out (or null) is refused.</param>
/// <param name="MaxLength">For text: the longest value accepted.</param>
/// <param name="Minimum">For numbers: the smallest value accepted.</param>
/// <param name="Maximum">For numbers: the largest value accepted.</param>
internal sealed record FieldSpec(string Path, FieldKind Kind, bool Required, int MaxLength = 0, decimal Minimum = 0, decimal Maximum = 0)
{
    /// <summary>The field's own name, the last step of its path.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];
}
