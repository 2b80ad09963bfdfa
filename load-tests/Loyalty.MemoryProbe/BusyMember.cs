using System.Diagnostics;
using Loyalty.Domain;
using Loyalty.Grains;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using Orleans.Serialization;

namespace Loyalty.MemoryProbe;

/// <summary>
/// With <c>--busy-member SALES</c>, after the members: one member (a company card, a family account) with SALES
/// purchases inside the transaction window, measured on its own, twice. Its state as the grain holds it, built by the
/// programme's rules with the sales spread over 29 days and measured exactly: live bytes held (state and transaction
/// memory), of which the compact ids, and its stored (serialized) size. Then a member grain of the silo making as many
/// purchases at once: its state as stored, its activation afterwards and the retry of its first purchase.
/// </summary>
internal static class BusyMember
{
    /// <summary>As long as the other members' ids: the key costs the same.</summary>
    private const string Id = "B-0000001";

    public static async Task<BusyMemberReport> MeasureAsync(ProbeSilo silo, ProbeOptions options, long ledgerEntries, TextWriter log,
        CancellationToken cancellationToken)
    {
        var (stateBytes, idsBytes, serializedBytes) = MeasureState(silo.Services, options);
        log.WriteLine($"busy member's state: {stateBytes:N0} B in memory, {serializedBytes:N0} B stored");

        var clock = Stopwatch.StartNew();
        var member = silo.Grains.GetGrain<IMemberGrain>(Id);
        await member.Enrol(MemberHistory.Profile(0));
        // Many calls in flight on the one member: its writes are batched, as for a busy account's tills.
        await Parallel.ForEachAsync(Enumerable.Range(1, options.BusySales),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (n, _) =>
            {
                var result = await member.Purchase(MemberHistory.Purchase(Id, n, Basket(options, n)));
                if (!result.IsSuccess || result.Value!.Duplicate)
                    throw new InvalidOperationException($"Purchase {n} of {Id} was not awarded: {result.Rejection}");
            });
        var account = await member.GetAccount() ?? throw new InvalidOperationException($"Member {Id} is not enrolled.");
        var (_, drained) = await LedgerDrain.WaitAsync(silo.DatabaseConnectionString, ledgerEntries + account.LedgerSequence,
            options.DrainTimeout, cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        log.WriteLine($"busy member grain: {options.BusySales} purchases in {seconds:0.0} s; {(drained ? "outbox drained" : "outbox NOT drained")}");

        // Deactivated, it stores its emptied outbox; activated again, it reads its transactions back from the ledger.
        await member.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var stored = await StoredStateBytesAsync(silo.DatabaseConnectionString, cancellationToken);
        clock.Restart();
        await member.GetAccount();
        var activation = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var retry = await member.Purchase(MemberHistory.Purchase(Id, 1, Basket(options, 1)));
        var retryTime = clock.Elapsed.TotalMilliseconds;
        if (retry.Value is not { Duplicate: true })
            throw new InvalidOperationException($"The retry of the first purchase of {Id} was not a duplicate: {retry.Rejection}");
        log.WriteLine($"busy member grain: activated again in {activation:0} ms; the first purchase's retry answered duplicate in {retryTime:0} ms");

        return new BusyMemberReport(options.BusySales, stateBytes, idsBytes, serializedBytes, stored, activation, retryTime, drained, seconds);
    }

    private static Random Basket(ProbeOptions options, int n) => new(unchecked(options.Seed * 1_000_003 - n));

    /// <summary>
    /// The member's state after its sales (spread over 29 days, its ledger entries copied away as the grain does):
    /// live bytes it holds, live bytes of its transaction ids alone, and its serialized size. The ids are weighed as
    /// the heap with them less the heap once they are let go of; the silo's own threads allocate between the two
    /// snapshots (a CI run once weighed 1,800 compact ids at 5 KB less than they hold), so the state is built five
    /// times and the median weight is kept.
    /// </summary>
    private static (long State, long Ids, long Serialized) MeasureState(IServiceProvider services, ProbeOptions options)
    {
        var programme = services.GetRequiredService<Programme>();
        var serializer = services.GetRequiredService<Serializer>();
        long stateBytes = 0, serialized = 0;
        var idWeights = new long[5];
        for (var round = 0; round < idWeights.Length; round++)
        {
            var before = HeapSnapshot.Take();
            var state = BuildState(programme, options);
            var held = HeapSnapshot.Take();
            if (round == 0)
            {
                stateBytes = held.LiveBytes - before.LiveBytes;
                serialized = serializer.SerializeToArray(state).Length;
            }
            state.TransactionIds = new TransactionMemory(); // the ids let go of, to weigh them
            var withoutIds = HeapSnapshot.Take();
            idWeights[round] = held.LiveBytes - withoutIds.LiveBytes;
            GC.KeepAlive(state);
        }
        Array.Sort(idWeights);
        return (stateBytes, idWeights[idWeights.Length / 2], serialized);
    }

    private static MemberState BuildState(Programme programme, ProbeOptions options)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-29);
        var step = TimeSpan.FromDays(29) / options.BusySales;
        var state = new MemberState();
        programme.Enrol(state, MemberHistory.Profile(0), start);
        for (var n = 1; n <= options.BusySales; n++)
        {
            var now = start + step * n;
            programme.Advance(state, now);
            var result = programme.ApplyPurchase(state, MemberHistory.Purchase(Id, n, Basket(options, n)), now);
            if (!result.IsSuccess)
                throw new InvalidOperationException($"Purchase {n} of the busy member was refused: {result.Rejection}");
            state.Outbox.Clear(); // copied to the ledger
        }
        return state;
    }

    private static async Task<long> StoredStateBytesAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT length(payload) FROM loyalty_grain_state WHERE grain_key = $key";
        command.Parameters.AddWithValue("$key", Id);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }
}

/// <summary>
/// The busy member: its state as the programme builds it (live bytes held, of which its compact transaction ids, and
/// its serialized size), then the member grain's run: its state as stored, how long its activation took (reading its
/// transactions back from the ledger) and the retry of its first purchase after it (read back by id).
/// </summary>
public sealed record BusyMemberReport(
    int Sales,
    long StateBytes,
    long TransactionIdsBytes,
    long SerializedStateBytes,
    long StoredStateBytes,
    double ActivationMilliseconds,
    double FirstRetryMilliseconds,
    bool LedgerDrained,
    double Seconds);
