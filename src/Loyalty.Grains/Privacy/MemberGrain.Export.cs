using Loyalty.Domain.Privacy;
using Loyalty.Grains.Privacy;

namespace Loyalty.Grains;

public sealed partial class MemberGrain : IMemberExportGrain
{
    public async Task<MemberDataExport?> GetExport()
    {
        if (await ForwardingAsync() is { } target)
            return await target.AsReference<IMemberExportGrain>().GetExport();
        if (!S.Enrolled)
            return null;
        var now = _time.GetUtcNow();
        await (Change(() => _programme.Advance(S, now)) ? _writes.StoreAsync() : _writes.StoredAsync());
        var export = _programme.Export(S, MemberId, now);
        await _outbox.FlushAsync(MemberId);
        return export;
    }
}
