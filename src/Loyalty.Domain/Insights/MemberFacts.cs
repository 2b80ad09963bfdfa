using System.Text.Json;
using System.Text.Json.Serialization;

namespace Loyalty.Domain.Insights;

/// <summary>
/// One order as the insights see it: when the sale occurred (the till's <c>occurredAt</c>, UTC, to the millisecond),
/// its spend in cents net of its refunds, and the categories of the lines not returned (lower case, sorted).
/// </summary>
public sealed record OrderFact(DateTimeOffset OccurredAt, long SpendCents, IReadOnlyList<string> Categories);

/// <summary>
/// Everything the insights need from one member's ledger, compact enough to be stored as JSON per member and
/// evaluated again later without reading the ledger, and brought up to date with the entries written after it
/// (<see cref="Fold"/>).
/// </summary>
/// <remarks>
/// <para>An order is a purchase entry. Its spend is the entry's amount (the sale total) in cents, lowered by the
/// amounts of the refund entries that name it as their original transaction; a purchase refunded whole (net spend 0
/// or less) is not an order. Its time is the sale's <c>occurredAt</c> from the purchase details, not the time the
/// entry was written. Its categories are those of the lines with some quantity left after the refunds.</para>
/// <para>Other entry kinds are ignored, entries are taken in any order, and an entry seen twice (same sequence) counts
/// once, so the facts of a ledger do not depend on how it was read.</para>
/// <para><see cref="Orders"/> keeps the orders of the 25 months up to the last order: every rule looks at most 24
/// months back from the last order; and of those at most the latest <see cref="MaxKeptOrders"/>, so that a member
/// bought from all the time (a house account at a busy till) has facts of a bounded size: such a member's 12-month
/// spend, order intervals, order values and categories are those of their latest orders. The lifetime figures and
/// <see cref="ActiveMonths"/> cover every order.</para>
/// </remarks>
public sealed partial class MemberFacts
{
    /// <summary>How far before the last order <see cref="Orders"/> reaches.</summary>
    public const int KeptMonths = 25;

    /// <summary>At most this many orders are kept, the latest (about 250 KB of facts JSON).</summary>
    public const int MaxKeptOrders = 10_000;

    public static readonly MemberFacts Empty = new(null, null, 0, 0, [], []);

    public MemberFacts(DateTimeOffset? firstOrderAt, DateTimeOffset? lastOrderAt, int lifetimeOrders, long lifetimeSpendCents,
        IReadOnlyList<OrderFact> orders, IEnumerable<int> activeMonths, long? throughSequence = null,
        IEnumerable<string>? unmatchedRefunds = null)
    {
        FirstOrderAt = firstOrderAt;
        LastOrderAt = lastOrderAt;
        LifetimeOrders = lifetimeOrders;
        LifetimeSpendCents = lifetimeSpendCents;
        // Stable: orders of one moment stay in the order given (the ledger's).
        Orders = orders.OrderBy(o => o.OccurredAt).TakeLast(MaxKeptOrders).ToArray();
        ActiveMonths = new SortedSet<int>(activeMonths);
        ThroughSequence = throughSequence;
        UnmatchedRefunds = new SortedSet<string>(unmatchedRefunds ?? [], StringComparer.Ordinal);
    }

    /// <summary>
    /// The original transaction ids named by refunds that match no purchase read: a purchase with one of these ids,
    /// written later, is lowered by that refund, which only a full read of the ledger applies.
    /// </summary>
    public IReadOnlySet<string> UnmatchedRefunds { get; }

    /// <summary>
    /// The highest ledger sequence of the purchases and refunds these facts were made from (null when unknown, as in
    /// facts stored before it was kept): <see cref="Fold"/> adds the entries after it.
    /// </summary>
    public long? ThroughSequence { get; }

    /// <summary>The first order ever (null without orders).</summary>
    public DateTimeOffset? FirstOrderAt { get; }

    /// <summary>The latest order (null without orders).</summary>
    public DateTimeOffset? LastOrderAt { get; }

    public int LifetimeOrders { get; }

    /// <summary>Net spend of every order ever, in cents.</summary>
    public long LifetimeSpendCents { get; }

    /// <summary>The orders of the <see cref="KeptMonths"/> months up to the last order, oldest first, at most the latest
    /// <see cref="MaxKeptOrders"/>.</summary>
    public IReadOnlyList<OrderFact> Orders { get; }

    /// <summary>Every month with an order, as month indices <c>year × 12 + (month − 1)</c> of the UTC time.</summary>
    public IReadOnlySet<int> ActiveMonths { get; }

    /// <summary>The month index of a moment: <c>year × 12 + (month − 1)</c>, UTC.</summary>
    public static int MonthIndex(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return utc.Year * 12 + utc.Month - 1;
    }

    /// <summary>The first moment (UTC) of a month index.</summary>
    public static DateTimeOffset MonthStart(int monthIndex) => new(monthIndex / 12, monthIndex % 12 + 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The facts of a member's ledger entries (purchases and refunds; other kinds ignored), in any order.</summary>
    public static MemberFacts FromLedger(IEnumerable<LedgerEntry> entries)
    {
        var purchases = new Dictionary<string, LedgerEntry>(StringComparer.Ordinal);
        var refunds = new Dictionary<long, LedgerEntry>();
        long? through = null;
        foreach (var e in entries)
        {
            if (e.Kind is LedgerKinds.Purchase or LedgerKinds.Refund)
                through = Math.Max(through ?? e.Sequence, e.Sequence);
            if (e.Kind == LedgerKinds.Purchase && e.TransactionId is { } id)
            {
                // One entry per sale: the engine writes each once; a re-read entry keeps the lowest sequence.
                if (!purchases.TryGetValue(id, out var seen) || e.Sequence < seen.Sequence)
                    purchases[id] = e;
            }
            else if (e.Kind == LedgerKinds.Refund)
            {
                if (!refunds.TryGetValue(e.Sequence, out var seen) || string.CompareOrdinal(e.TransactionId, seen.TransactionId) < 0)
                    refunds[e.Sequence] = e;
            }
        }

        var sales = new Dictionary<string, Sale>(StringComparer.Ordinal);
        foreach (var (id, e) in purchases)
            sales[id] = Sale.Of(e);
        var unmatched = new List<string>();
        foreach (var e in refunds.Values.OrderBy(r => r.Sequence))
        {
            var details = Parse<RefundDetails>(e.Details);
            if (details?.OriginalTransactionId is not { } original)
                continue;
            if (sales.TryGetValue(original, out var sale))
                sale.Apply(e, details);
            else
                unmatched.Add(original);
        }

        var orders = sales.Values
            .Where(s => s.SpendCents > 0)
            .OrderBy(s => s.OccurredAt).ThenBy(s => s.Sequence)
            .Select(s => s.ToOrder())
            .ToList();
        if (orders.Count == 0)
            return through is null ? Empty : new MemberFacts(null, null, 0, 0, [], [], through, unmatched);
        var last = orders[^1].OccurredAt;
        var keepFrom = last.AddMonths(-KeptMonths);
        return new MemberFacts(orders[0].OccurredAt, last, orders.Count, orders.Sum(o => o.SpendCents),
            orders.Where(o => o.OccurredAt > keepFrom).ToArray(), orders.Select(o => MonthIndex(o.OccurredAt)), through, unmatched);
    }

    private static T? Parse<T>(string? json) where T : class
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            return JsonSerializer.Deserialize<T>(json, DetailsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static long Cents(decimal amount) => (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);

    private static DateTimeOffset Normalise(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    /// <summary>A sale while its refunds are applied.</summary>
    private sealed class Sale
    {
        public DateTimeOffset OccurredAt { get; private init; }

        /// <summary>The ledger sequence of the sale's entry: orders of one moment are in the order they were written.</summary>
        public long Sequence { get; private init; }
        public long SpendCents { get; private set; }
        private (string? Category, int Quantity)[] _lines = [];

        public static Sale Of(LedgerEntry e)
        {
            var details = Parse<PurchaseDetails>(e.Details);
            var lines = details?.Lines ?? [];
            return new Sale
            {
                OccurredAt = Normalise(details?.OccurredAt ?? e.At),
                Sequence = e.Sequence,
                SpendCents = Cents(e.Amount ?? lines.Sum(l => l.Quantity * l.UnitPrice)),
                _lines = lines.Select(l => (l.Category, l.Quantity)).ToArray(),
            };
        }

        public void Apply(LedgerEntry refund, RefundDetails details)
        {
            // The refund's amount is the (negative) total returned; its Returned quantities follow the sale's lines.
            SpendCents -= Math.Abs(Cents(refund.Amount ?? 0m));
            var returned = details.Returned ?? [];
            for (var i = 0; i < _lines.Length && i < returned.Count; i++)
                _lines[i].Quantity -= returned[i];
        }

        public OrderFact ToOrder() => new(OccurredAt, SpendCents, _lines
            .Where(l => l.Quantity > 0 && !string.IsNullOrWhiteSpace(l.Category))
            .Select(l => l.Category!.Trim().ToLowerInvariant())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    // JSON: short names, times as Unix milliseconds, categories by index into one list, active months as runs.

    private sealed record Stored(
        [property: JsonPropertyName("f")] long? First,
        [property: JsonPropertyName("l")] long? Last,
        [property: JsonPropertyName("n")] int Orders,
        [property: JsonPropertyName("s")] long Spend,
        [property: JsonPropertyName("c")] string[] Categories,
        [property: JsonPropertyName("o")] long[][] Recent,
        [property: JsonPropertyName("m")] int[][] Months,
        [property: JsonPropertyName("q")] long? Through,
        [property: JsonPropertyName("u")] string[]? Unmatched);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The facts as compact JSON: <c>{"f": first order (Unix ms), "l": last order, "n": lifetime orders, "s": lifetime
    /// spend (cents), "c": [categories], "o": [[occurred (Unix ms), spend (cents), category index...]...],
    /// "m": [[first month index, months in a row]...], "q": through sequence, "u": [unmatched refunds' original ids] or null}</c>.
    /// </summary>
    public string ToJson()
    {
        var categories = Orders.SelectMany(o => o.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = categories.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (long)x.i, StringComparer.Ordinal);
        var recent = Orders.Select(o => new[] { o.OccurredAt.ToUnixTimeMilliseconds(), o.SpendCents }
            .Concat(o.Categories.Select(c => index[c])).ToArray()).ToArray();
        var runs = new List<int[]>();
        foreach (var m in ActiveMonths)
        {
            if (runs.Count > 0 && runs[^1][0] + runs[^1][1] == m)
                runs[^1][1]++;
            else
                runs.Add([m, 1]);
        }
        return JsonSerializer.Serialize(new Stored(FirstOrderAt?.ToUnixTimeMilliseconds(), LastOrderAt?.ToUnixTimeMilliseconds(),
            LifetimeOrders, LifetimeSpendCents, categories, recent, runs.ToArray(), ThroughSequence,
            UnmatchedRefunds.Count > 0 ? UnmatchedRefunds.ToArray() : null), JsonOptions);
    }

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="JsonException">The text is not facts JSON.</exception>
    public static MemberFacts FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<Stored>(json, JsonOptions) ?? throw new JsonException("No member facts in the JSON.");
        var categories = s.Categories ?? [];
        var orders = (s.Recent ?? []).Select(o =>
        {
            if (o.Length < 2 || o.Skip(2).Any(i => i < 0 || i >= categories.Length))
                throw new JsonException("A stored order is malformed.");
            return new OrderFact(DateTimeOffset.FromUnixTimeMilliseconds(o[0]), o[1], o.Skip(2).Select(i => categories[i]).ToArray());
        }).ToArray();
        var months = (s.Months ?? []).SelectMany(r => r.Length == 2 && r[1] >= 0
            ? Enumerable.Range(r[0], r[1])
            : throw new JsonException("A stored run of months is malformed."));
        return new MemberFacts(s.First is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
            s.Last is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null, s.Orders, s.Spend, orders, months, s.Through, s.Unmatched);
    }
}
