namespace Loyalty.Grains;

/// <summary>
/// A command failed while the programme rules applied it, or was dropped with a command that did (they shared a
/// write): the member's account is as it was before, and the command may be retried with the same transaction id.
/// </summary>
[GenerateSerializer, Alias("loyalty.command-failed")]
public sealed class CommandFailedException : Exception
{
    public CommandFailedException() { }
    public CommandFailedException(string message) : base(message) { }
    public CommandFailedException(string message, Exception inner) : base(message, inner) { }
}
