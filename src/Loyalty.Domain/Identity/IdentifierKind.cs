namespace Loyalty.Domain.Identity;

/// <summary>The ways a customer identifies themselves: an e-mail address, a phone number, a loyalty card.</summary>
public enum IdentifierKind
{
    Email,
    Phone,
    Card,
}
