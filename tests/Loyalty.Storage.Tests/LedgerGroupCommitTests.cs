using Loyalty.Domain;
using Loyalty.Storage.Ledger;

namespace Loyalty.Storage.Tests;

public sealed class LedgerGroupCommitTests
{
    private static readonly LedgerEntry[] OneEntry =
        [new(1, LedgerKinds.Purchase, DateTimeOffset.UnixEpoch, "T-1", "S-01", 10, 10, 10.00m, "Purchase", null)];

    [Fact]
    public async Task Appends_made_while_an_insert_is_under_way_share_the_next_insert()
    {
        var inserts = new List<string[]>();
        var firstInsert = new TaskCompletionSource();
        var commit = new LedgerGroupCommit(async batch =>
        {
            inserts.Add(batch.Select(a => a.MemberId).ToArray());
            if (inserts.Count == 1)
                await firstInsert.Task;
        });

        var first = commit.AppendAsync("M-0", OneEntry);
        await WaitUntil(() => inserts.Count == 1);
        var waiting = Enumerable.Range(1, 5).Select(i => commit.AppendAsync($"M-{i}", OneEntry)).ToArray();
        Assert.False(first.IsCompleted);
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        firstInsert.SetResult();
        await Task.WhenAll(waiting.Append(first));

        Assert.Equal(2, inserts.Count);
        Assert.Equal(["M-0"], inserts[0]);
        Assert.Equal(["M-1", "M-2", "M-3", "M-4", "M-5"], inserts[1]);
    }

    [Fact]
    public async Task A_failed_insert_fails_every_append_it_carried_and_the_next_insert_still_runs()
    {
        var calls = 0;
        var release = new TaskCompletionSource();
        var commit = new LedgerGroupCommit(async batch =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await release.Task;
                throw new InvalidOperationException("storage down");
            }
        });

        var failing = commit.AppendAsync("M-1", OneEntry);
        await WaitUntil(() => Volatile.Read(ref calls) == 1);
        var next = commit.AppendAsync("M-2", OneEntry);
        release.SetResult();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("storage down", failure.Message);
        await next;
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task An_insert_carries_at_most_the_entry_limit_unless_one_append_is_larger()
    {
        var sizes = new List<int>();
        var firstInsert = new TaskCompletionSource();
        var commit = new LedgerGroupCommit(async batch =>
        {
            sizes.Add(batch.Sum(a => a.Entries.Count));
            if (sizes.Count == 1)
                await firstInsert.Task;
        });
        var large = Enumerable.Repeat(OneEntry[0], LedgerGroupCommit.MaxEntriesPerInsert + 1).ToArray();
        var half = Enumerable.Repeat(OneEntry[0], LedgerGroupCommit.MaxEntriesPerInsert / 2).ToArray();

        var first = commit.AppendAsync("M-0", OneEntry);
        await WaitUntil(() => sizes.Count == 1);
        var appends = new[] { commit.AppendAsync("M-1", half), commit.AppendAsync("M-2", half), commit.AppendAsync("M-3", OneEntry), commit.AppendAsync("M-4", large) };
        firstInsert.SetResult();
        await Task.WhenAll(appends.Append(first));

        Assert.Equal([1, LedgerGroupCommit.MaxEntriesPerInsert, 1, LedgerGroupCommit.MaxEntriesPerInsert + 1], sizes);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(5);
        }
    }
}
