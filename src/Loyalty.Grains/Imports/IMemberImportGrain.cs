using Loyalty.Domain.Imports;

namespace Loyalty.Grains.Imports;

/// <summary>
/// The member's account as an import sees it: the same grain as <see cref="IMemberGrain"/> (same key, same activation).
/// Each call applies all the lines of one chunk of the file for this member with one state write, and answers what
/// became of each line. A dry run applies them to a copy and stores nothing.
/// </summary>
[Alias("loyalty.member-import")]
public interface IMemberImportGrain : IGrainWithStringKey
{
    /// <summary>Enrols the member of the first line with their identifiers' owner already claimed; a later line for them is a duplicate.</summary>
    [Alias("import-member")]
    Task<IReadOnlyList<ImportLineOutcome>> ImportMember(IReadOnlyList<ImportedMember> lines, ImportRun run);

    /// <summary>Records the member's historical sales, in the file's order.</summary>
    [Alias("import-sales")]
    Task<IReadOnlyList<ImportLineOutcome>> ImportSales(IReadOnlyList<ImportedSale> sales, ImportRun run);
}
