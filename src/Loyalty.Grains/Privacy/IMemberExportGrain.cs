using Loyalty.Domain.Privacy;

namespace Loyalty.Grains.Privacy;

/// <summary>
/// A member's copy of their data: the same grain as <see cref="IMemberGrain"/> (same key, same activation), seen
/// through the call an export makes.
/// </summary>
[Alias("loyalty.member-export")]
public interface IMemberExportGrain : IGrainWithStringKey
{
    /// <summary>
    /// The member's data as of now, once every entry up to <see cref="Domain.AccountView.LedgerSequence"/> is in the
    /// ledger (read it then, page by page, with <see cref="IMemberGrain.GetActivity"/>); null when not enrolled.
    /// A merged-away member answers with the data of the member it was merged into.
    /// </summary>
    [Alias("export")]
    Task<MemberDataExport?> GetExport();
}
