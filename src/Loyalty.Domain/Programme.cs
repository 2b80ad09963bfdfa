namespace Loyalty.Domain;

/// <summary>
/// The programme rules over a member's state. Pure: every method takes the current time as an argument,
/// does no I/O, and either applies a command completely or refuses it and changes nothing.
/// </summary>
public sealed partial class Programme
{
    private readonly ProgrammeOptions _options;
    private readonly HashSet<string> _nonQualifying;

    public Programme(ProgrammeOptions options)
    {
        var errors = ProgrammeOptionsValidation.Validate(options);
        if (errors.Count > 0)
            throw new ArgumentException("Invalid programme: " + string.Join(" ", errors), nameof(options));
        _options = options;
        _nonQualifying = new HashSet<string>(options.NonQualifyingCategories, StringComparer.OrdinalIgnoreCase);
    }

    public ProgrammeOptions Options => _options;

    public string LowestTier => _options.Tiers[0].Name;

    /// <summary>Enrols a member, or updates the profile of an enrolled one. Returns true when it enrolled.</summary>
    public bool Enrol(MemberState s, MemberProfile profile, DateTimeOffset now)
    {
        if (s.Enrolled)
        {
            s.Profile = profile;
            return false;
        }
        s.Enrolled = true;
        s.Profile = profile;
        s.EnrolledAt = now;
        s.Tier = LowestTier;
        foreach (var card in _options.StampCards)
            s.Stamps[card.CardId] = 0;
        Append(s, LedgerKinds.Enrolled, now, null, null, 0, null, $"Enrolled as {profile.Name}", null);
        return true;
    }

    internal static DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime);

    internal int TierRank(string tier)
    {
        for (var i = 0; i < _options.Tiers.Count; i++)
            if (string.Equals(_options.Tiers[i].Name, tier, StringComparison.Ordinal))
                return i;
        return 0; // a tier removed from the configuration counts as the lowest
    }

    internal TierRule TierOf(string tier) => _options.Tiers[TierRank(tier)];

    internal string TierForSpend(decimal spend)
    {
        var name = LowestTier;
        foreach (var t in _options.Tiers)
            if (spend >= t.Threshold)
                name = t.Name;
        return name;
    }

    /// <summary>Qualifying spend of the purchase days after <c>today − TierQualifyingMonths</c>.</summary>
    public decimal QualifyingSpend(MemberState s, DateTimeOffset now)
    {
        var from = Day(now).AddMonths(-_options.TierQualifyingMonths);
        decimal sum = 0;
        foreach (var (day, amount) in s.DailySpend)
            if (day > from)
                sum += amount;
        return sum;
    }

    internal bool Qualifies(PurchaseLine line) => line.Category is null || !_nonQualifying.Contains(line.Category);

    internal static long Floor(decimal value) => (long)decimal.Floor(value);

    internal static LedgerEntry Append(MemberState s, string kind, DateTimeOffset at, string? transactionId, string? storeId,
        long points, decimal? amount, string description, string? details)
    {
        var entry = new LedgerEntry(++s.LastSequence, kind, at, transactionId, storeId, points, s.Balance, amount, description, details);
        s.Outbox.Add(entry);
        return entry;
    }

    /// <summary>Marks the entries a till's command appended, from <paramref name="first"/> on, with the till that sent it.</summary>
    internal static void ByTill(MemberState s, int first, string? tillId)
    {
        if (tillId is null)
            return;
        for (var i = first; i < s.Outbox.Count; i++)
            s.Outbox[i] = s.Outbox[i] with { TillId = tillId };
    }

    internal IReadOnlyList<StampCardView> StampCards(MemberState s) =>
        _options.StampCards.Select(c => new StampCardView(c.CardId, s.Stamps.GetValueOrDefault(c.CardId), c.StampsRequired)).ToArray();

    /// <summary>Looks a transaction id up: a replay of the same command returns the stored outcome.</summary>
    private Result<T>? Replay<T>(MemberState s, string transactionId, string fingerprint, Func<TransactionRecord, T?> outcome, DateTimeOffset now)
        where T : class
    {
        if (Remembered(s, transactionId, now) is not { } record)
            return null;
        var stored = outcome(record);
        if (record.Fingerprint != Fingerprint.Compact(fingerprint) || stored is null)
            return Result<T>.Fail(RejectionCode.TransactionIdReused,
                $"Transaction '{transactionId}' was already used for a different request.");
        return Result<T>.Ok(stored);
    }

    /// <summary>
    /// The full record of a transaction of the window, or null when the member never made it. One whose record was let
    /// go must have been read back from the ledger first (<see cref="TransactionsToRecall"/>): answering from memory
    /// alone could apply it twice.
    /// </summary>
    private TransactionRecord? Remembered(MemberState s, string transactionId, DateTimeOffset now)
    {
        if (s.Transactions.TryGetValue(transactionId, out var record))
            return record;
        if (s.TransactionIds.MayContain(transactionId, WindowStart(now)))
            throw new InvalidOperationException(
                $"Transaction '{transactionId}' may have been made: recall it from the ledger before applying a command.");
        return null;
    }

    private DateTimeOffset WindowStart(DateTimeOffset now) => now.AddDays(-_options.TransactionWindowDays);

    private void Remember(MemberState s, TransactionRecord record)
    {
        s.Transactions[record.TransactionId] = record;
        s.NextTransactionPruneAt ??= record.At.AddDays(_options.TransactionWindowDays);
        if (s.Transactions.Count > _options.MaxRememberedTransactions)
            PruneTransactions(s, record.At);
    }
}
