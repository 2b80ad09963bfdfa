namespace Loyalty.FaultTests.Endpoints;

/// <summary>Who may make a call, as the "who" column of the contract says.</summary>
internal enum EndpointAccess
{
    /// <summary>Anyone, with or without credentials.</summary>
    Anyone,

    /// <summary>Tills and marketing tools.</summary>
    Staff,

    /// <summary>Tills, marketing tools, and the member whose account it is.</summary>
    StaffOrThatMember,

    /// <summary>Tills only (money-moving calls).</summary>
    Till,

    /// <summary>Tills, marketing tools, and any member (the club list: nothing in it is a member's own).</summary>
    StaffOrAnyMember,

    /// <summary>Marketing tools only (the club and promotion catalogues).</summary>
    Marketing,

    /// <summary>Marketing tools, and the member whose membership it is (joining and leaving a club); not tills.</summary>
    MarketingOrThatMember,

    /// <summary>Tills, marketing tools and support (a member's profile).</summary>
    StaffOrSupport,

    /// <summary>Tills, marketing tools, support, and the member whose account it is (the account and its activity).</summary>
    StaffSupportOrThatMember,

    /// <summary>Tills and support (finding a member by card, phone or e-mail; their cards).</summary>
    TillOrSupport,

    /// <summary>Support only (adjusting a member's points by hand).</summary>
    Support,

    /// <summary>Support and marketing tools (programme-wide reports and exports: the points liability, all members, the ledger).</summary>
    SupportOrMarketing,

    /// <summary>Tills, support, and the member whose cards they are (the app's QR card).</summary>
    TillSupportOrThatMember,
    /// <summary>Operators' keys only (enrolling and revoking tills).</summary>
    Operations,

    /// <summary>An enrolled till's own key only (exchanged for a session token); not a configured till key, nor a session token.</summary>
    EnrolledTill,

    /// <summary>Any member, for themself (signing out); no key.</summary>
    AnyMember,

    /// <summary>Support, and the member whose account it is (erasing it, a copy of their data); not tills nor marketing.</summary>
    SupportOrThatMember,
}
