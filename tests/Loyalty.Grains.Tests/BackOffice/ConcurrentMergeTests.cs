using Loyalty.Domain;

namespace Loyalty.Grains.Tests.BackOffice;

/// <summary>
/// Two merges of the same pair at once, on the real cluster: one wins, the other is refused (or answers as the same
/// merge), and the points of the two members are neither lost nor counted twice.
/// </summary>
public sealed class ConcurrentMergeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int Rounds = 5;

    private static string Id(IMemberGrain grain) => grain.GetPrimaryKeyString();

    private async Task<(IMemberGrain A, IMemberGrain B)> PairAsync()
    {
        var (a, b) = (await Commands.EnrolledAsync(fixture.Grains), await Commands.EnrolledAsync(fixture.Grains));
        await a.Purchase(Commands.Sale("A-1", 40m));
        await b.Purchase(Commands.Sale("B-1", 25m));
        return (a, b);
    }

    /// <summary>Both members' points as a call to each now answers them (a merged member answers as the one it went into).</summary>
    private static async Task<(string AnsweredAs, long Points)[]> AccountsAsync(params IMemberGrain[] members)
    {
        var accounts = await Task.WhenAll(members.Select(m => m.GetAccount()));
        return accounts.Select(a => (a!.MemberId, (long)a.Points)).ToArray();
    }

    [Fact]
    public async Task Two_merges_of_the_same_source_into_the_same_target_by_two_transaction_ids_at_once_one_wins()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (target, source) = await PairAsync();

            var results = await Task.WhenAll(
                target.Merge(new MemberMerge("MRG-1", Id(source))),
                target.Merge(new MemberMerge("MRG-2", Id(source))));

            var won = Assert.Single(results, r => r.IsSuccess);
            var refused = Assert.Single(results, r => !r.IsSuccess);
            Assert.Equal(RejectionCode.SourceAlreadyMerged, refused.Rejection!.Code);
            Assert.Equal(65, won.Value!.Balance);
            Assert.All(await AccountsAsync(target, source), a => Assert.Equal((Id(target), 65L), a));
        }
    }

    [Fact]
    public async Task Two_merges_of_a_pair_in_opposite_directions_at_once_leave_one_member_with_all_the_points()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var (a, b) = await PairAsync();

            var results = await Task.WhenAll(
                a.Merge(new MemberMerge("MRG-AB", Id(b))),
                b.Merge(new MemberMerge("MRG-BA", Id(a))));

            Assert.True(results.Count(r => r.IsSuccess) <= 1, string.Join("; ", results.Select(r => r.Rejection?.ToString() ?? "merged")));
            var accounts = await AccountsAsync(a, b);
            if (results.Any(r => r.IsSuccess))
            {
                // One went into the other: both ids answer as the survivor, with everything.
                Assert.Equal(accounts[0].AnsweredAs, accounts[1].AnsweredAs);
                Assert.All(accounts, x => Assert.Equal(65L, x.Points));
            }
            else
            {
                // Both refused: each is itself again, with its own points, and a later merge still works.
                Assert.Equal([(Id(a), 40L), (Id(b), 25L)], accounts);
                Assert.True((await a.Merge(new MemberMerge("MRG-AB-2", Id(b)))).IsSuccess);
                Assert.Equal(65, (await b.GetAccount())!.Points);
            }
        }
    }
}
