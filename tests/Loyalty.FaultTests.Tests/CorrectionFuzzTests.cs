using System.Text;
using Loyalty.FaultTests.Endpoints;
using Loyalty.FaultTests.Hostile;

namespace Loyalty.FaultTests.Tests;

public sealed class CorrectionFuzzTests
{
    private const string Adjustments = "POST /api/members/{memberId}/adjustments";
    private const string Voids = "POST /api/members/{memberId}/voids";
    private const string Merges = "POST /api/members/{memberId}/merges";

    [Fact]
    public void An_adjustment_is_tried_with_zero_and_points_beyond_either_bound_and_each_must_be_refused()
    {
        var points = FuzzTargets.Generate(3).Where(c => c.Endpoint == Adjustments && c.Description.StartsWith("points: ", StringComparison.Ordinal)).ToArray();

        foreach (var description in new[] { "points: zero", "points: minus zero", "points: one over the maximum 1000000000",
                     "points: one under the minimum -1000000000", "points: the smallest 64-bit integer", "points: a negative fraction" })
            Assert.Contains(points, c => c.Description == description && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(points, c => c.Description == "points: left out" && c.Expected == FuzzExpectation.Refused);
        // A negative number is a removal, valid here: no case may expect "-1" to be refused.
        Assert.DoesNotContain(points, c => c.Description == "points: -1");
    }

    [Fact]
    public void An_adjustment_reason_and_note_get_the_hostile_text_and_a_note_one_over_its_length()
    {
        var cases = FuzzTargets.Generate(5).Where(c => c.Endpoint == Adjustments).ToArray();

        Assert.Contains(cases, c => c.Description == "note: 201 characters (one over)" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(cases, c => c.Description == "reason: NUL inside" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(cases, c => c.Description == "reason: left out" && c.Expected == FuzzExpectation.Refused);
    }

    [Fact]
    public void A_valid_void_names_the_runs_sale_and_is_answered_422_by_every_permitted_caller()
    {
        var target = new RequestTarget("M-1", "T-9", "S-1", "COF", "2026-11-20T10:00:00Z");
        var spec = EndpointCatalog.Find("POST", "/api/members/{memberId}/voids")!;

        Assert.Equal("""{"transactionId":"T-9","originalTransactionId":"S-1"}""", spec.ValidBody!(target).ToJsonString());
        Assert.Equal(422, spec.Status);
        Assert.True(spec.Writes);
        var originals = FuzzTargets.Generate(8).Where(c => c.Endpoint == Voids && c.Description.StartsWith("originalTransactionId: ", StringComparison.Ordinal));
        Assert.Contains(originals, c => c.Description == "originalTransactionId: 65 characters (one over)" && c.Expected == FuzzExpectation.Refused
            && Encoding.UTF8.GetString(c.Body!).Contains("\"transactionId\"", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_merge_names_the_runs_member_as_its_own_source_and_hostile_source_ids_are_refused()
    {
        var target = new RequestTarget("M-1", "T-9", "S-1", "COF", "2026-11-20T10:00:00Z");
        var spec = EndpointCatalog.Find("POST", "/api/members/{memberId}/merges")!;

        Assert.Equal("""{"transactionId":"T-9","sourceMemberId":"M-1"}""", spec.ValidBody!(target).ToJsonString());
        Assert.Equal(422, spec.Status);
        Assert.True(spec.Writes);
        var sources = FuzzTargets.Generate(8).Where(c => c.Endpoint == Merges && c.Description.StartsWith("sourceMemberId: ", StringComparison.Ordinal)).ToArray();
        Assert.Contains(sources, c => c.Description == "sourceMemberId: 65 characters (one over)" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(sources, c => c.Description == "sourceMemberId: left out" && c.Expected == FuzzExpectation.Refused);
        Assert.Contains(sources, c => c.Description == "sourceMemberId: NUL inside" && c.Expected == FuzzExpectation.Refused);
    }
}
