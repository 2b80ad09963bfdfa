namespace Loyalty.FaultTests.Hostile;

/// <summary>What the engine must do with a hostile request.</summary>
internal enum FuzzExpectation
{
    /// <summary>The contract refuses it: a 4xx problem, and nothing changes.</summary>
    Refused,

    /// <summary>Odd but within the contract (an unknown extra field, an emoji in a SKU): it may succeed.</summary>
    MayBeAccepted,
}
