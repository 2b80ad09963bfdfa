namespace Loyalty.Domain.SignIn;

/// <summary>
/// How many codes one identifier may ask for: <see cref="CodesPerWindow"/> per <see cref="Window"/>, counted from the
/// first request of the window. The count is kept with the code, in the database, so that it holds across nodes.
/// </summary>
public static class SignInLimits
{
    public const int CodesPerWindow = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>A window that started at or before this instant is over at <paramref name="now"/>.</summary>
    public static DateTimeOffset WindowOverIfStartedBy(DateTimeOffset now, TimeSpan window) => now - window;
}
