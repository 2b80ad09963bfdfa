using System.Text.RegularExpressions;
using Loyalty.Domain.SignIn;

namespace Loyalty.Domain.Tests.SignIn;

public class SignUpTests
{
    [Fact]
    public void New_member_ids_fit_the_member_id_rule_and_do_not_repeat()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => SignUp.NewMemberId()).ToList();
        Assert.All(ids, id => Assert.Matches(new Regex("^m-[a-z2-7]{16}$"), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("Ada Lovelace", "ada@example.org", "Ada Lovelace")]
    [InlineData("  Ada  ", null, "Ada")]
    [InlineData(null, "grace.hopper@example.org", "grace.hopper")]
    [InlineData("", "linus@example.org", "linus")]
    [InlineData(null, null, "Member")]
    public void The_name_is_the_one_given_else_the_address_local_part_else_member(string? given, string? email, string expected) =>
        Assert.Equal(expected, SignUp.NameFor(given, email));
}
