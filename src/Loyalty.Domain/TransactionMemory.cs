using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Loyalty.Domain;

/// <summary>
/// The transaction ids of the transaction window whose full record the member let go of (beyond
/// <see cref="ProgrammeOptions.MaxRememberedTransactions"/>), in a compact form: an 8-byte digest of the id and when
/// the last transaction with that digest was made (a 24-byte dictionary entry and its bucket: about 50 bytes each with
/// the dictionary's spare room, whatever the id's length; nothing for a member who never went beyond the bound). It tells whether an id may have been used; the full record (its outcome, what a
/// refund needs) is then read back from the ledger (<see cref="Programme.TransactionsToRecall"/>,
/// <see cref="Programme.RecallTransactions"/>), which also settles the rare id whose digest another id shares. Not
/// stored with the state: rebuilt from the ledger when the member is loaded.
/// The digest is XxHash3 with a seed drawn when the process starts: a digest is never stored nor sent, and a till cannot
/// choose ids that share one (which would cost a read of the ledger each, not a wrong answer). It was SHA-256, whose
/// calls into OpenSSL were some 15% of the engine's CPU in the first purchases of members with a month of daily sales.
/// </summary>
public sealed class TransactionMemory
{
    /// <summary>Digest of an id → UTC ticks of the latest transaction with that digest; created with the first id.</summary>
    private Dictionary<long, long>? _lastAt;
    private long _oldest = long.MaxValue;
    /// <summary>Ids the ledger was asked about since the last transaction was remembered, and did not hold.</summary>
    private HashSet<string>? _notInLedger;

    public int Count => _lastAt?.Count ?? 0;

    /// <summary>Remembers that <paramref name="transactionId"/> was used at <paramref name="at"/>.</summary>
    public void Add(string transactionId, DateTimeOffset at)
    {
        var digest = Digest(transactionId);
        var ticks = at.UtcTicks;
        _lastAt ??= [];
        if (!_lastAt.TryGetValue(digest, out var known) || known < ticks)
            _lastAt[digest] = ticks;
        _oldest = Math.Min(_oldest, ticks);
        _notInLedger = null;
    }

    /// <summary>Whether <paramref name="transactionId"/> may have been used at or after <paramref name="since"/>.</summary>
    public bool MayContain(string transactionId, DateTimeOffset since) =>
        _lastAt is not null && _lastAt.TryGetValue(Digest(transactionId), out var ticks) && ticks >= since.UtcTicks
        && _notInLedger?.Contains(transactionId) != true;

    /// <summary>Records that the ledger holds no transaction with these ids: they are new, whatever their digest.</summary>
    public void NotInLedger(IEnumerable<string> transactionIds)
    {
        _notInLedger ??= new HashSet<string>(StringComparer.Ordinal);
        _notInLedger.UnionWith(transactionIds);
    }

    /// <summary>
    /// Forgets the ids last used before <paramref name="since"/>, once the oldest is a day past it: one pass a day at
    /// most, however many transactions the member makes.
    /// </summary>
    public void Prune(DateTimeOffset since)
    {
        var cutoff = since.UtcTicks;
        if (_lastAt is null || _oldest >= cutoff - TimeSpan.TicksPerDay)
            return;
        var oldest = long.MaxValue;
        foreach (var (digest, ticks) in _lastAt) // removing while enumerating a dictionary is allowed
            if (ticks < cutoff)
                _lastAt.Remove(digest);
            else
                oldest = Math.Min(oldest, ticks);
        _oldest = oldest;
        if (_lastAt.Count == 0)
            _lastAt = null;
    }

    public void Clear()
    {
        _lastAt = null;
        _oldest = long.MaxValue;
        _notInLedger = null;
    }

    private static readonly long Seed = Random.Shared.NextInt64();

    private static long Digest(string transactionId) =>
        unchecked((long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(transactionId.AsSpan()), Seed));
}

/// <summary>A ledger entry's transaction id and time: what <see cref="Programme.Recall(MemberState, IEnumerable{LedgerEntry}, IEnumerable{TransactionMark}, DateTimeOffset)"/> needs of an older transaction.</summary>
public readonly record struct TransactionMark(string TransactionId, DateTimeOffset At);
