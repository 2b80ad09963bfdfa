using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Loyalty.Domain;

/// <summary>
/// A stable digest of a command as the till sent it: a replay with the same id must carry the same digest.
/// Amounts are normalised (3.2 and 3.20 are the same price); an omitted time stays omitted.
/// </summary>
public static class Fingerprint
{
    public static string Of(Purchase p)
    {
        var b = Start("purchase", p.TransactionId, p.StoreId);
        b.Append(p.OccurredAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)).Append('\u001f');
        foreach (var l in p.Lines)
            b.Append(l.Sku).Append('\u001e').Append(l.Category).Append('\u001e')
             .Append(l.Quantity.ToString(CultureInfo.InvariantCulture)).Append('\u001e')
             .Append(Amount(l.UnitPrice)).Append('\u001f');
        return Digest(b);
    }

    public static string Of(Redemption r)
    {
        var b = Start("redemption", r.TransactionId, r.StoreId);
        b.Append(r.Points?.ToString(CultureInfo.InvariantCulture)).Append('\u001f').Append(r.RewardId);
        return Digest(b);
    }

    public static string Of(Refund r)
    {
        var b = Start("refund", r.TransactionId, r.StoreId);
        b.Append(r.OriginalTransactionId).Append('\u001f');
        foreach (var l in r.Lines)
            b.Append(l.Sku).Append('\u001e').Append(l.Quantity.ToString(CultureInfo.InvariantCulture)).Append('\u001f');
        return Digest(b);
    }

    public static string Of(Adjustment a)
    {
        var b = Start("adjustment", a.TransactionId, null);
        b.Append(a.Points.ToString(CultureInfo.InvariantCulture)).Append('\u001f').Append(a.Reason).Append('\u001f').Append(a.Note);
        return Digest(b);
    }

    public static string Of(RedemptionVoid v)
    {
        var b = Start("void", v.TransactionId, null);
        b.Append(v.OriginalTransactionId);
        return Digest(b);
    }

    public static string Of(MemberMerge m)
    {
        var b = Start("merge", m.TransactionId, null);
        b.Append(m.SourceMemberId);
        return Digest(b);
    }

    /// <summary>
    /// A fingerprint in 16 bytes rather than a string of 32 hex digits, as members remember it for each of their
    /// recent transactions. A value that is not a fingerprint gets a digest of its own, which no fingerprint matches.
    /// </summary>
    public static Guid Compact(string fingerprint)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (fingerprint.Length == 32
            && Convert.FromHexString(fingerprint, bytes, out _, out var written) == OperationStatus.Done && written == 16)
            return new Guid(bytes);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("not a fingerprint\u001f" + fingerprint), hash);
        return new Guid(hash[..16]);
    }

    private static StringBuilder Start(string kind, string transactionId, string? storeId) =>
        new StringBuilder(128).Append(kind).Append('\u001f').Append(transactionId).Append('\u001f').Append(storeId).Append('\u001f');

    private static string Amount(decimal value) => decimal.Round(value, 2).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Digest(StringBuilder b)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(b.ToString()), hash);
        return Convert.ToHexString(hash[..16]);
    }
}
