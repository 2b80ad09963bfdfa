namespace Loyalty.Grains;

/// <summary>
/// A command broke a rule the programme checks as an argument (a redemption of neither points nor a reward, a club id
/// not in the id format), which the HTTP API refuses before it reaches a grain: the command was not applied, the
/// account is as it was, and the same command would fail again.
/// </summary>
[GenerateSerializer, Alias("loyalty.invalid-command")]
public sealed class InvalidCommandException : Exception
{
    public InvalidCommandException() { }
    public InvalidCommandException(string message) : base(message) { }
    public InvalidCommandException(string message, Exception inner) : base(message, inner) { }
}
