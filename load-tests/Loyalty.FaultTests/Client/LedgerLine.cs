namespace Loyalty.FaultTests.Client;

/// <summary>One entry of a member's ledger as <c>GET /activity</c> shows it, reduced to what the fault tests check.</summary>
internal sealed record LedgerLine(long Sequence, string Kind, string? TransactionId, long Points, long Balance);
