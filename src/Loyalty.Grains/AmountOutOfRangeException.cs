namespace Loyalty.Grains;

/// <summary>
/// A command's amounts took the account beyond what it can count (an arithmetic overflow while the programme rules
/// applied it): the command was not applied, the account is as it was, and the same command would fail again.
/// </summary>
[GenerateSerializer, Alias("loyalty.amount-out-of-range")]
public sealed class AmountOutOfRangeException : Exception
{
    public AmountOutOfRangeException() { }
    public AmountOutOfRangeException(string message) : base(message) { }
    public AmountOutOfRangeException(string message, Exception inner) : base(message, inner) { }
}
