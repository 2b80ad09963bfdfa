using System.Globalization;

namespace Loyalty.LoadTests;

internal enum Operation { Purchase, Read, Redeem }

/// <summary>Weights of the operations a load run sends, parsed from <c>purchase=70,read=25,redeem=5</c>. An operation
/// left out has weight 0; the weights need not add up to 100.</summary>
internal sealed record OperationMix(int Purchase, int Read, int Redeem)
{
    public const string Default = "purchase=70,read=25,redeem=5";

    public static readonly OperationMix PurchasesOnly = new(1, 0, 0);

    public int Total => Purchase + Read + Redeem;

    public static OperationMix Parse(string text)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in text.Split(','))
        {
            var pair = part.Split('=');
            if (pair.Length != 2)
                throw new ArgumentException($"--mix needs kind=weight pairs separated by commas, not '{part}'");
            var kind = pair[0].Trim();
            if (kind is not ("purchase" or "read" or "redeem"))
                throw new ArgumentException($"--mix kind must be purchase, read or redeem, not '{kind}'");
            if (!int.TryParse(pair[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > 1_000_000)
                throw new ArgumentException($"--mix weight of {kind} must be a whole number from 0 to 1000000, not '{pair[1]}'");
            if (!weights.TryAdd(kind, weight))
                throw new ArgumentException($"--mix names {kind} twice");
        }
        var mix = new OperationMix(weights.GetValueOrDefault("purchase"), weights.GetValueOrDefault("read"), weights.GetValueOrDefault("redeem"));
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
        return draw < Purchase + Read ? Operation.Read : Operation.Redeem;
    }

    public Operation Next(Random random) => At(random.Next(Total));

    public override string ToString() => FormattableString.Invariant($"purchase={Purchase},read={Read},redeem={Redeem}");
}
