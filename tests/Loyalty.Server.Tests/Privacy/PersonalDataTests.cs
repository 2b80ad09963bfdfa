using System.Security.Claims;
using Loyalty.Server.Auth;

namespace Loyalty.Server.Tests.Privacy;

/// <summary>Who reads an account's contact details and birth date: everyone who may read the account but a till.</summary>
public sealed class PersonalDataTests
{
    [Theory]
    [InlineData(new[] { Roles.Till }, false)]
    [InlineData(new[] { Roles.Till, Roles.Support }, true)]
    [InlineData(new[] { Roles.Till, Roles.Marketing }, true)]
    [InlineData(new[] { Roles.Marketing }, true)]
    [InlineData(new[] { Roles.Support }, true)]
    [InlineData(new[] { Roles.Member }, true)]
    public void Only_a_till_alone_reads_an_account_without_contact_details_and_birth_date(string[] roles, bool sees)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), "test"));
        var account = MembersCsvTests.Account("Ada", "ada@example.org", "+447400123456", new DateOnly(1990, 4, 1));

        var seen = account.For(user);

        Assert.Equal("Ada", seen.Name);
        Assert.Equal(sees ? ("ada@example.org", "+447400123456", new DateOnly(1990, 4, 1)) : (null, null, null),
            (seen.Email, seen.Phone, seen.BirthDate));
        Assert.Equal(account.Points, seen.Points);
    }
}
