using Loyalty.Storage.Catalogues;
using Microsoft.Extensions.DependencyInjection;

namespace Loyalty.Storage.Tests;

/// <summary>The catalogues' audit table on each database: appended once per sequence, read newest first in pages, read by subject.</summary>
public abstract partial class StorageBehaviour<TFixture>
{
    private static readonly DateTimeOffset AuditAt = new(2026, 3, 4, 9, 0, 0, 123, TimeSpan.Zero);

    private ICatalogueAuditStore CatalogueAudit => Fixture.Services.GetRequiredService<ICatalogueAuditStore>();

    private static CatalogueAuditRow AuditRow(long sequence, string subjectId) =>
        new(sequence, AuditAt.AddMinutes(sequence), "Marketing ☕", sequence % 2 == 1 ? "created" : "updated", subjectId,
            $$"""{"clubId":"{{subjectId}}","name":"Club {{sequence}}"}""");

    [Fact]
    public async Task Catalogue_audit_rows_are_kept_once_and_read_newest_first_in_pages_and_by_subject()
    {
        var catalogue = $"test-{Guid.NewGuid():N}";
        var rows = Enumerable.Range(1, 7).Select(n => AuditRow(n, n % 2 == 0 ? "C-even" : "C-odd")).ToArray();

        await CatalogueAudit.AppendAsync(catalogue, rows[..5]);
        await CatalogueAudit.AppendAsync(catalogue, rows[3..]); // overlapping: 4 and 5 again
        await CatalogueAudit.AppendAsync(catalogue, rows); // the whole log again

        var first = await CatalogueAudit.ReadAsync(catalogue, before: null, limit: 3);
        var second = await CatalogueAudit.ReadAsync(catalogue, before: first[^1].Sequence, limit: 3);
        var last = await CatalogueAudit.ReadAsync(catalogue, before: second[^1].Sequence, limit: 3);
        Assert.Equal([7L, 6L, 5L], first.Select(r => r.Sequence));
        Assert.Equal([4L, 3L, 2L], second.Select(r => r.Sequence));
        Assert.Equal([1L], last.Select(r => r.Sequence));
        Assert.Equal(rows.Reverse(), first.Concat(second).Concat(last));
        Assert.Empty(await CatalogueAudit.ReadAsync($"test-{Guid.NewGuid():N}", null, 10));

        var even = await CatalogueAudit.ReadSubjectAsync(catalogue, "C-even");
        Assert.Equal([2L, 4L, 6L], even.Select(r => r.Sequence));
    }
}
