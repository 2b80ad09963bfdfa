using System.Collections;

namespace Loyalty.Server.Apis;

/// <summary>
/// The logging scope of a call about one member: <c>MemberId</c> and, for a till's command, <c>TransactionId</c>, as
/// structured properties of every log record written while the call is served (the JSON console formatter shows them
/// under <c>Scopes</c>).
/// </summary>
public sealed class MemberLogScope(string memberId, string? transactionId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string MemberIdProperty = "MemberId";
    public const string TransactionIdProperty = "TransactionId";

    public string MemberId { get; } = memberId;
    public string? TransactionId { get; } = transactionId;

    public int Count => TransactionId is null ? 1 : 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(MemberIdProperty, MemberId),
        1 when TransactionId is not null => new(TransactionIdProperty, TransactionId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        TransactionId is null ? $"MemberId:{MemberId}" : $"MemberId:{MemberId} TransactionId:{TransactionId}";
}
