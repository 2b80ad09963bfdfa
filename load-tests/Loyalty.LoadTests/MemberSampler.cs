namespace Loyalty.LoadTests;

/// <summary>Picks a member index in [0, n).</summary>
internal interface IMemberSampler
{
    int Next(Random random);
}

internal sealed class UniformSampler(int count) : IMemberSampler
{
    public int Next(Random random) => random.Next(count);
}

/// <summary>
/// Zipf over ranks 1..n: P(rank k) = k^-s / H(n, s), rank k being member index k-1. The cumulative distribution is
/// computed once (O(n) memory and time); each draw is one uniform number and a binary search, O(log n).
/// </summary>
internal sealed class ZipfSampler : IMemberSampler
{
    private readonly double[] cumulative;

    public ZipfSampler(int count, double s)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(s > 0) || double.IsInfinity(s))
            throw new ArgumentOutOfRangeException(nameof(s), "the exponent must be above 0");
        cumulative = new double[count];
        var sum = 0.0;
        for (var k = 1; k <= count; k++)
        {
            sum += Math.Pow(k, -s);
            cumulative[k - 1] = sum;
        }
        for (var i = 0; i < count; i++)
            cumulative[i] /= sum;
        cumulative[count - 1] = 1.0;
    }

    public int Count => cumulative.Length;

    /// <summary>The probability of member index <paramref name="index"/> (rank index + 1).</summary>
    public double Probability(int index) => index == 0 ? cumulative[0] : cumulative[index] - cumulative[index - 1];

    public int Next(Random random) => IndexOf(random.NextDouble());

    /// <summary>The smallest index whose cumulative probability exceeds <paramref name="u"/>, for u in [0, 1).</summary>
    public int IndexOf(double u)
    {
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (cumulative[mid] > u)
                high = mid;
            else
                low = mid + 1;
        }
        return low;
    }
}
