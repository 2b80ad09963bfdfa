namespace Loyalty.Domain;

/// <summary>
/// The stored form of <see cref="MemberState.DailySpend"/>: the days in order, each as the distance from the day before
/// and its amount as a scaled whole number, both variable-length. About 4 bytes a day, where the Orleans dictionary
/// codec took 23: a member with a year of daily sales stored 8.4 KB of spend table in every write (PostgreSQL then
/// compressed the row each time), and read, copied and wrote it again in every first call after loading.
/// </summary>
public static class DailySpendPacking
{
    private const byte Version = 1;
    /// <summary>In an amount's tag, the scale that says the amount follows as its four 32-bit parts (no amount has it).</summary>
    private const int WholeDecimal = 31;

    public static byte[] Pack(IReadOnlyDictionary<DateOnly, decimal> spend)
    {
        ArgumentNullException.ThrowIfNull(spend);
        using var stream = new MemoryStream(2 + spend.Count * 5);
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Version);
            writer.Write7BitEncodedInt(spend.Count);
            var previous = 0;
            foreach (var (day, amount) in spend.OrderBy(p => p.Key))
            {
                writer.Write7BitEncodedInt(day.DayNumber - previous);
                previous = day.DayNumber;
                WriteAmount(writer, amount);
            }
        }
        return stream.ToArray();
    }

    /// <summary>Puts the days of <paramref name="packed"/> (from <see cref="Pack"/>) into <paramref name="spend"/>.</summary>
    public static void Unpack(byte[] packed, IDictionary<DateOnly, decimal> spend)
    {
        ArgumentNullException.ThrowIfNull(packed);
        ArgumentNullException.ThrowIfNull(spend);
        using var reader = new BinaryReader(new MemoryStream(packed, writable: false));
        var version = reader.ReadByte();
        if (version != Version)
            throw new InvalidDataException($"A spend table packed in form {version}, which this version does not read.");
        var count = reader.Read7BitEncodedInt();
        var day = 0;
        for (var i = 0; i < count; i++)
        {
            day += reader.Read7BitEncodedInt();
            spend[DateOnly.FromDayNumber(day)] = ReadAmount(reader);
        }
    }

    /// <summary>
    /// An amount whose digits fit in 63 bits (all of them, in practice) as one tag: the digits (zigzag, for a sign) times
    /// 32 plus the scale; any other as the tag <see cref="WholeDecimal"/> and its four parts.
    /// </summary>
    private static void WriteAmount(BinaryWriter writer, decimal amount)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(amount, bits);
        var scale = (bits[3] >> 16) & 0xFF;
        var negative = bits[3] < 0;
        var digits = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] == 0 && digits < 1UL << 58)
        {
            var zigzag = negative ? digits * 2 - 1 : digits * 2;
            writer.Write7BitEncodedInt64((long)((zigzag << 5) | (uint)scale));
            return;
        }
        writer.Write7BitEncodedInt64(WholeDecimal);
        foreach (var part in bits)
            writer.Write(part);
    }

    private static decimal ReadAmount(BinaryReader reader)
    {
        var tag = (ulong)reader.Read7BitEncodedInt64();
        var scale = (byte)(tag & 31);
        if (scale == WholeDecimal)
            return new decimal([reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()]);
        var zigzag = tag >> 5;
        var negative = (zigzag & 1) == 1;
        var digits = negative ? (zigzag + 1) / 2 : zigzag / 2;
        return new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, negative, scale);
    }
}
