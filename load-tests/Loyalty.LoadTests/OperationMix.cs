using System.Globalization;

namespace Loyalty.LoadTests;

internal enum Operation { Purchase, Read, Redeem, Live }

/// <summary>Weights of the operations a load run sends, parsed from <c>purchase=70,read=25,redeem=5</c>. An operation
/// left out has weight 0; the weights need not add up to 100. <c>live</c> is a <c>GET /health/live</c>, the request
/// that does no work: <c>live=1</c> alone measures the HTTP ceiling under the same load as the other kinds.</summary>
internal sealed record OperationMix(int Purchase, int Read, int Redeem, int Live = 0)
{
    public const string Default = "purchase=70,read=25,redeem=5";

    public static readonly OperationMix PurchasesOnly = new(1, 0, 0);

    public int Total => Purchase + Read + Redeem + Live;

    /// <summary>Whether any request of the mix acts on a member (all but <c>live</c>).</summary>
    public bool NeedsMembers => Purchase + Read + Redeem > 0;

    public static OperationMix Parse(string text)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(','))
        {
            var pair = part.Split('=');
            if (pair.Length != 2)
                throw new ArgumentException($"--mix needs kind=weight pairs separated by commas, not '{part}'");
            var kind = pair[0].Trim();
            if (kind is not ("purchase" or "read" or "redeem" or "live"))
                throw new ArgumentException($"--mix kind must be purchase, read, redeem or live, not '{kind}'");
            if (!int.TryParse(pair[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > 1_000_000)
                throw new ArgumentException($"--mix weight of {kind} must be a whole number from 0 to 1000000, not '{pair[1]}'");
            if (!weights.TryAdd(kind, weight))
                throw new ArgumentException($"--mix names {kind} twice");
        }
        var mix = new OperationMix(weights.GetValueOrDefault("purchase"), weights.GetValueOrDefault("read"),
            weights.GetValueOrDefault("redeem"), weights.GetValueOrDefault("live"));
        if (mix.Total == 0)
            throw new ArgumentException("--mix needs at least one weight above 0");
        return mix;
    }

    /// <summary>The operation for a number drawn uniformly from [0, <see cref="Total"/>).</summary>
    public Operation At(int draw)
    {
        if (draw < 0 || draw >= Total)
            throw new ArgumentOutOfRangeException(nameof(draw));
        if (draw < Purchase)
            return Operation.Purchase;
        if (draw < Purchase + Read)
            return Operation.Read;
        return draw < Purchase + Read + Redeem ? Operation.Redeem : Operation.Live;
    }

    public Operation Next(Random random) => At(random.Next(Total));

    /// <summary>The weights above 0, as <see cref="Parse"/> reads them.</summary>
    public override string ToString() => string.Join(",",
        new[] { ("purchase", Purchase), ("read", Read), ("redeem", Redeem), ("live", Live) }
            .Where(w => w.Item2 > 0)
            .Select(w => FormattableString.Invariant($"{w.Item1}={w.Item2}")));
}
