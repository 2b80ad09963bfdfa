using Loyalty.FaultTests.Access;
using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

/// <summary>
/// The erasure joins the fuzz and the access matrix like every catalogued call, aimed at members made for it: a
/// permitted erasure is for good, and the other calls need the run's member.
/// </summary>
public sealed class PrivacyFuzzTests
{
    private const string Erase = "DELETE /api/members/{memberId}";

    [Fact]
    public void The_erasure_is_aimed_at_the_members_made_for_it_and_no_other_call_erases()
    {
        var erasure = EndpointCatalog.All.Single(e => e.Key == Erase);
        var cases = FuzzTargets.Generate(16).Where(c => c.Endpoint == Erase).ToArray();

        Assert.True(erasure.ErasesMember);
        Assert.Single(EndpointCatalog.All, e => e.ErasesMember);
        Assert.NotEmpty(cases);
        var own = new[] { FuzzTargets.For(erasure, FuzzExpectation.MayBeAccepted).MemberId, FuzzTargets.For(erasure, FuzzExpectation.Refused).MemberId };
        Assert.All(cases.Where(c => c.MemberId is not null && c.Category != HostileCategories.HostilePath), c => Assert.Contains(c.MemberId, own));
    }

    [Fact]
    public void Only_support_and_the_members_own_token_erase()
    {
        var erasure = EndpointCatalog.All.Single(e => e.Key == Erase);

        var allowed = Enum.GetValues<CredentialKind>().Where(k => AccessExpectations.Status(erasure, k) == 200).Order().ToArray();

        Assert.Equal([CredentialKind.SupportKey, CredentialKind.OwnMemberToken, CredentialKind.TokenClaimingTillRole], allowed);
        Assert.Equal(403, AccessExpectations.Status(erasure, CredentialKind.TillKey));
        Assert.Equal(403, AccessExpectations.Status(erasure, CredentialKind.OtherMemberToken));
    }
}
