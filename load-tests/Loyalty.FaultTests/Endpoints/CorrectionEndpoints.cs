using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// Corrections at the counter: support adjusts a member's points by hand; tills and support void a redemption. A
/// valid void names the run's sale, which is not a redemption: every permitted caller gets the same 422 and nothing
/// changes, however often the matrix and the fuzz pass send it. Support merges a member into another: a valid merge
/// names the run's member as both target and source, which support is always answered 422 (merge-into-self), so the
/// run's member is never merged away.
/// </summary>
internal static class CorrectionEndpoints
{
    private static readonly FieldSpec TransactionId = new("transactionId", FieldKind.Text, Required: true, MaxLength: 64);

    public static IReadOnlyList<EndpointSpec> All { get; } =
    [
        new("POST", "/api/members/{memberId}/adjustments", EndpointAccess.Support,
            [
                TransactionId,
                new("points", FieldKind.SignedInteger, Required: true, Minimum: -1_000_000_000, Maximum: 1_000_000_000),
                new("reason", FieldKind.Text, Required: true, MaxLength: 20),
                new("note", FieldKind.Text, Required: false, MaxLength: 200),
            ],
            [],
            t => new JsonObject { ["transactionId"] = t.TransactionId, ["points"] = 1, ["reason"] = "goodwill", ["note"] = "fault test" }),
        new("POST", "/api/members/{memberId}/voids", EndpointAccess.TillOrSupport,
            [TransactionId, new("originalTransactionId", FieldKind.Text, Required: true, MaxLength: 64)],
            [],
            t => new JsonObject { ["transactionId"] = t.TransactionId, ["originalTransactionId"] = t.SaleTransactionId },
            Status: 422),
        new("POST", "/api/members/{memberId}/merges", EndpointAccess.Support,
            [TransactionId, new("sourceMemberId", FieldKind.Text, Required: true, MaxLength: 64)],
            [],
            t => new JsonObject { ["transactionId"] = t.TransactionId, ["sourceMemberId"] = t.MemberId },
            Status: 422),
    ];
}
