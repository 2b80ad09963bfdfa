using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.SqlBaseline;

public enum PurchaseOutcome { Recorded, Duplicate, NotEnrolled, Conflict }

/// <summary>What the baseline stores and computes: accounts and a ledger of purchases, in plain SQL.</summary>
/// <remarks>Points: the purchase's spend summed in cents, whole currency units taken (rounded down once), times the
/// tier multiplier, rounded down. Tier: by lifetime spend including this purchase (Silver from 500.00, Gold from
/// 2000.00; multipliers 1.25 and 1.5), so the purchase that crosses a threshold earns at the new tier.</remarks>
public sealed class LoyaltyStore(BaselineDatabase database, TimeProvider clock)
{
    private const long SilverCents = 500_00;
    private const long GoldCents = 2000_00;

    public static string TierOf(long lifetimeSpendCents) =>
        lifetimeSpendCents >= GoldCents ? "Gold" : lifetimeSpendCents >= SilverCents ? "Silver" : "Member";

    private static long MultiplierPercent(string tier) => tier switch { "Gold" => 150, "Silver" => 125, _ => 100 };

    public static long PointsFor(long spendCents, string tier) => spendCents / 100 * MultiplierPercent(tier) / 100;

    /// <summary>Creates the member or updates the profile; true when created.</summary>
    public Task<bool> EnrolAsync(string memberId, ProfileRequest profile, CancellationToken cancellation) =>
        database.WriteAsync(async () =>
        {
            await using var connection = await database.OpenAsync(cancellation);
            await using var insert = Command(connection, null, """
                INSERT INTO baseline_accounts (member_id, name, email, birth_date, enrolled_at_ms)
                VALUES (@member, @name, @email, @birth, @now)
                ON CONFLICT (member_id) DO NOTHING
                """);
            AddProfile(insert, memberId, profile);
            Add(insert, "@now", clock.GetUtcNow().ToUnixTimeMilliseconds());
            if (await insert.ExecuteNonQueryAsync(cancellation) == 1)
                return true;

            await using var update = Command(connection, null,
                "UPDATE baseline_accounts SET name = @name, email = @email, birth_date = @birth WHERE member_id = @member");
            AddProfile(update, memberId, profile);
            await update.ExecuteNonQueryAsync(cancellation);
            return false;
        }, cancellation);

    /// <summary>One transaction: lock the account, check the transaction id, compute, update the account, append
    /// the ledger row, commit.</summary>
    public Task<(PurchaseOutcome Outcome, PurchaseResponse? Response)> PurchaseAsync(
        string memberId, PurchaseRequest request, CancellationToken cancellation) =>
        database.WriteAsync<(PurchaseOutcome, PurchaseResponse?)>(async () =>
        {
            var transactionId = request.TransactionId!;
            var lines = request.Lines!;
            long spendCents = 0;
            foreach (var line in lines)
                spendCents += line.Quantity * (long)(line.UnitPrice * 100m);
            var hash = RequestHash(request);
            var now = clock.GetUtcNow();

            await using var connection = await database.OpenAsync(cancellation);
            await using var transaction = await connection.BeginTransactionAsync(cancellation);

            long points, lifetimeSpendCents;
            string tier;
            await using (var read = Command(connection, transaction,
                "SELECT points, lifetime_spend_cents, tier FROM baseline_accounts WHERE member_id = @member" + database.ForUpdate))
            {
                Add(read, "@member", memberId);
                await using var reader = await read.ExecuteReaderAsync(cancellation);
                if (!await reader.ReadAsync(cancellation))
                    return (PurchaseOutcome.NotEnrolled, null);
                points = reader.GetInt64(0);
                lifetimeSpendCents = reader.GetInt64(1);
                tier = reader.GetString(2);
            }

            await using (var seen = Command(connection, transaction, """
                SELECT request_hash, points, balance_after, tier, tier_changed FROM baseline_ledger
                WHERE member_id = @member AND transaction_id = @transaction
                """))
            {
                Add(seen, "@member", memberId);
                Add(seen, "@transaction", transactionId);
                await using var reader = await seen.ExecuteReaderAsync(cancellation);
                if (await reader.ReadAsync(cancellation))
                {
                    if (reader.GetString(0) != hash)
                        return (PurchaseOutcome.Conflict, null);
                    return (PurchaseOutcome.Duplicate, new PurchaseResponse(
                        transactionId, true, reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetBoolean(4)));
                }
            }

            var newSpendCents = lifetimeSpendCents + spendCents;
            var newTier = TierOf(newSpendCents);
            var earned = PointsFor(spendCents, newTier);
            var balance = points + earned;
            var tierChanged = newTier != tier;

            await using (var update = Command(connection, transaction, """
                UPDATE baseline_accounts
                SET points = @points, lifetime_spend_cents = @spend, tier = @tier, last_purchase_at_ms = @at
                WHERE member_id = @member
                """))
            {
                Add(update, "@points", balance);
                Add(update, "@spend", newSpendCents);
                Add(update, "@tier", newTier);
                Add(update, "@at", now.ToUnixTimeMilliseconds());
                Add(update, "@member", memberId);
                await update.ExecuteNonQueryAsync(cancellation);
            }

            await using (var insert = Command(connection, transaction, """
                INSERT INTO baseline_ledger (member_id, transaction_id, kind, request_hash, store_id, spend_cents, points,
                    balance_after, tier, tier_changed, occurred_at_ms, recorded_at_ms)
                VALUES (@member, @transaction, 'purchase', @hash, @store, @spend, @points, @balance, @tier, @changed,
                    @occurred, @recorded)
                """))
            {
                Add(insert, "@member", memberId);
                Add(insert, "@transaction", transactionId);
                Add(insert, "@hash", hash);
                Add(insert, "@store", request.StoreId);
                Add(insert, "@spend", spendCents);
                Add(insert, "@points", earned);
                Add(insert, "@balance", balance);
                Add(insert, "@tier", newTier);
                Add(insert, "@changed", tierChanged);
                Add(insert, "@occurred", (request.OccurredAt ?? now).ToUnixTimeMilliseconds());
                Add(insert, "@recorded", now.ToUnixTimeMilliseconds());
                await insert.ExecuteNonQueryAsync(cancellation);
            }

            await transaction.CommitAsync(cancellation);
            return (PurchaseOutcome.Recorded, new PurchaseResponse(transactionId, false, earned, balance, newTier, tierChanged));
        }, cancellation);

    public async Task<AccountResponse?> GetAsync(string memberId, CancellationToken cancellation)
    {
        await using var connection = await database.OpenAsync(cancellation);
        await using var read = Command(connection, null,
            "SELECT name, points, tier, lifetime_spend_cents, last_purchase_at_ms FROM baseline_accounts WHERE member_id = @member");
        Add(read, "@member", memberId);
        await using var reader = await read.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
            return null;
        return new AccountResponse(
            memberId,
            reader.IsDBNull(0) ? null : reader.GetString(0),
            reader.GetInt64(1),
            reader.GetString(2),
            reader.GetInt64(3) / 100m,
            reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
    }

    /// <summary>What a replay must repeat to be the same purchase: the store and the lines.</summary>
    private static string RequestHash(PurchaseRequest request)
    {
        var text = new StringBuilder(request.StoreId ?? "");
        foreach (var line in request.Lines!)
            text.Append('\n').Append(line.Sku).Append('\t').Append(line.Category).Append('\t')
                .Append(line.Quantity.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append((line.UnitPrice * 100m).ToString("0", CultureInfo.InvariantCulture));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static void AddProfile(DbCommand command, string memberId, ProfileRequest profile)
    {
        Add(command, "@member", memberId);
        Add(command, "@name", profile.Name);
        Add(command, "@email", profile.Email);
        Add(command, "@birth", profile.BirthDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
