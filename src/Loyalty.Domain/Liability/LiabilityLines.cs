namespace Loyalty.Domain;

/// <summary>Lines of the liability as sorted arrays: by kind, then by day; each key once, none of 0.</summary>
internal static class LiabilityLines
{
    public static readonly Comparer<LiabilityLine> Order = Comparer<LiabilityLine>.Create((a, b) => Compare(a.Key, b.Key));

    public static int Compare(LiabilityKey a, LiabilityKey b) =>
        a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.ExpiresOn.CompareTo(b.ExpiresOn);

    /// <summary>These lines as sorted lines: as they are when they already are (a member's lots are kept in order), else sorted and summed.</summary>
    public static LiabilityLine[] Sorted(LiabilityLine[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Points == 0 || i > 0 && Compare(lines[i - 1].Key, lines[i].Key) >= 0)
                return Merge(lines, []);
        return lines;
    }

    /// <summary>
    /// <paramref name="first"/> plus <paramref name="second"/>, both in any order and either with a key more than once:
    /// each key once, in order, lines of 0 left out.
    /// </summary>
    public static LiabilityLine[] Merge(IReadOnlyList<LiabilityLine> first, IReadOnlyList<LiabilityLine> second)
    {
        var all = new LiabilityLine[first.Count + second.Count];
        for (var i = 0; i < first.Count; i++)
            all[i] = first[i];
        for (var i = 0; i < second.Count; i++)
            all[first.Count + i] = second[i];
        Array.Sort(all, Order);
        var count = 0;
        for (var i = 0; i < all.Length;)
        {
            var (key, points) = (all[i].Key, 0L);
            for (; i < all.Length && all[i].Key == key; i++)
                points = checked(points + all[i].Points);
            if (points != 0)
                all[count++] = new LiabilityLine(key, points);
        }
        return count == all.Length ? all : all[..count];
    }

    /// <summary>What turns the sorted lines <paramref name="before"/> into the sorted <paramref name="after"/>, in one pass: sorted, none of 0.</summary>
    public static LiabilityLine[] Difference(LiabilityLine[] before, LiabilityLine[] after)
    {
        List<LiabilityLine>? changes = null;
        void Add(LiabilityKey key, long points) => (changes ??= []).Add(new LiabilityLine(key, points));
        int i = 0, j = 0;
        while (i < before.Length || j < after.Length)
        {
            var compared = i == before.Length ? 1 : j == after.Length ? -1 : Compare(before[i].Key, after[j].Key);
            if (compared < 0)
            {
                Add(before[i].Key, checked(-before[i].Points));
                i++;
            }
            else if (compared > 0)
            {
                Add(after[j].Key, after[j].Points);
                j++;
            }
            else
            {
                if (after[j].Points != before[i].Points)
                    Add(after[j].Key, checked(after[j].Points - before[i].Points));
                i++;
                j++;
            }
        }
        return changes?.ToArray() ?? [];
    }
}
