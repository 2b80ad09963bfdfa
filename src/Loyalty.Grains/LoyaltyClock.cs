namespace Loyalty.Grains;

/// <summary>
/// The clock the programme rules run on: a keyed <see cref="TimeProvider"/>, so tests can move the programme's time
/// (expiry, tier holds) without moving the time Orleans itself runs on.
/// </summary>
public static class LoyaltyClock
{
    public const string Key = "loyalty-clock";
}
