using System.Threading.Channels;

namespace Loyalty.Server.SignIn;

/// <summary>
/// Codes waiting to be sent. A code request is answered as soon as its code is kept; the mail goes out from here, so
/// that the answer takes as long for an address that belongs to a member as for one that does not.
/// </summary>
public sealed class SignInCodeOutbox
{
    /// <summary>More waiting codes than this and new ones are dropped (and logged): the mail server is far behind.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<PendingCode> _channel = Channel.CreateBounded<PendingCode>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    public bool TryEnqueue(ISignInCodeSender sender, string to, string code) => _channel.Writer.TryWrite(new PendingCode(sender, to, code));

    public IAsyncEnumerable<PendingCode> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public sealed record PendingCode(ISignInCodeSender Sender, string To, string Code);
}
