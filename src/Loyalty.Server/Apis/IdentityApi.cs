using System.Security.Claims;
using Loyalty.Domain.Identity;
using Loyalty.Server.Auth;
using Loyalty.Server.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Loyalty.Server.Apis;

/// <summary>
/// Finding members the way customers identify themselves, and their cards: <c>/api/members/lookup</c> and
/// <c>/api/members/{memberId}/cards</c>. Tills and support; a member may read their own cards.
/// </summary>
public static class IdentityApi
{
    /// <summary>The lookup's route segment, which therefore is no member id.</summary>
    public const string LookupSegment = "lookup";

    private static readonly string[] LookupFields = ["card", "phone", "email"];

    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/api/members/{LookupSegment}", Lookup).WithTags("Members").RequireAuthorization(Policies.TillOrSupport)
            .WithName("LookupMember").WithSummary("The member who owns a card, phone or e-mail (exactly one; exact match): id and name only.");

        app.MapGet("/api/members/{memberId}/cards", ListCards).WithTags("Members").RequireAuthorization(Policies.CardReader)
            .AddEndpointFilter<MemberCallLogging>()
            .WithName("ListCards").WithSummary("The member's card numbers: for tills, support and the member themself (the app's QR card).");

        var cards = app.MapGroup("/api/members/{memberId}/cards").WithTags("Members").RequireAuthorization(Policies.TillOrSupport)
            .AddEndpointFilter<MemberCallLogging>();
        cards.MapPost("", IssueCard)
            .WithName("IssueCard").WithSummary("Issue a new card number (16 digits, Luhn check digit) bound to the member.");
        cards.MapPut("/{cardNumber}", BindCard)
            .WithName("BindCard").WithSummary("Bind a pre-printed card to the member; idempotent (200). Another member's card: 409.");
        cards.MapDelete("/{cardNumber}", UnbindCard)
            .WithName("UnbindCard").WithSummary("Unbind a card of the member (a lost card): it is free again; idempotent (204). Another member's card: 404.");
        return app;
    }

    private static async Task<Results<Ok<MemberLookup>, ValidationProblem, ProblemHttpResult>> Lookup(
        HttpRequest request, MemberIdentifiers identifiers, IOptions<IdentityOptions> identity)
    {
        var given = LookupFields.Where(request.Query.ContainsKey).ToArray();
        if (given.Length != 1)
            return Problems.Invalid(new Dictionary<string, string[]>
            {
                ["query"] = ["Give exactly one of 'card', 'phone' or 'email'."],
            });
        var field = given[0];
        var values = request.Query[field];
        var raw = values.Count == 1 ? values[0] : null;
        MemberIdentifier? identifier = field switch
        {
            "card" => Identifiers.NormaliseCard(raw) is { } card ? MemberIdentifier.Card(card) : null,
            "phone" => Identifiers.NormalisePhone(raw, identity.Value.DefaultRegion) is { } phone ? MemberIdentifier.Phone(phone) : null,
            _ => Identifiers.NormaliseEmail(raw) is { } email ? MemberIdentifier.Email(email) : null,
        };
        if (identifier is null)
            return Problems.Invalid(new Dictionary<string, string[]> { [field] = [Malformed(field, identity.Value.DefaultRegion)] });
        return await identifiers.LookupAsync(identifier) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem($"No member has this {Noun(field)}.", statusCode: StatusCodes.Status404NotFound,
                title: "Member not found", type: Problems.MemberNotFound);
    }

    private static async Task<Results<Ok<CardsResponse>, ValidationProblem, ProblemHttpResult>> ListCards(
        string memberId, MemberIdentifiers identifiers, ClaimsPrincipal user)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        if (!user.MayAccess(memberId))
            return Problems.NotYourAccount403();
        return await identifiers.CardsAsync(memberId) is { } cards
            ? TypedResults.Ok(new CardsResponse(cards))
            : Problems.MemberNotFound404(memberId);
    }

    private static async Task<Results<Created<CardResponse>, ValidationProblem, ProblemHttpResult>> IssueCard(
        string memberId, MemberIdentifiers identifiers)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        if (errors.Count > 0)
            return Problems.Invalid(errors);
        return await identifiers.IssueCardAsync(memberId) is { } card
            ? TypedResults.Created($"/api/members/{memberId}/cards/{card}", new CardResponse(card))
            : Problems.MemberNotFound404(memberId);
    }

    private static async Task<Results<Ok<CardResponse>, ValidationProblem, ProblemHttpResult>> BindCard(
        string memberId, string cardNumber, MemberIdentifiers identifiers)
    {
        if (CheckCard(memberId, cardNumber, out var card) is { } invalid)
            return invalid;
        return await identifiers.BindCardAsync(memberId, card) switch
        {
            CardBinding.Bound => TypedResults.Ok(new CardResponse(card)),
            CardBinding.InUse => Problems.IdentifierInUse409(MemberIdentifier.Card(card)),
            _ => Problems.MemberNotFound404(memberId),
        };
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UnbindCard(
        string memberId, string cardNumber, MemberIdentifiers identifiers)
    {
        if (CheckCard(memberId, cardNumber, out var card) is { } invalid)
            return invalid;
        return await identifiers.UnbindCardAsync(memberId, card) switch
        {
            CardBinding.Unbound => TypedResults.NoContent(),
            CardBinding.InUse => TypedResults.Problem($"Card {card} is bound to another member, not to '{memberId}'.",
                statusCode: StatusCodes.Status404NotFound, title: "Card not found", type: Problems.NotFound),
            _ => Problems.MemberNotFound404(memberId),
        };
    }

    /// <summary>The route's member id and card number, the card in its normal form; the problem when either is malformed.</summary>
    private static ValidationProblem? CheckCard(string memberId, string cardNumber, out string card)
    {
        var errors = RequestValidation.CheckMemberId(memberId);
        card = Identifiers.NormaliseCard(cardNumber) ?? "";
        if (card.Length == 0)
            errors["cardNumber"] = [IdentifierMessages.Card("cardNumber")];
        return errors.Count > 0 ? Problems.Invalid(errors) : null;
    }

    private static string Malformed(string field, string region) => field switch
    {
        "card" => IdentifierMessages.Card(),
        "phone" => IdentifierMessages.Phone(region),
        _ => IdentifierMessages.Email(),
    };

    private static string Noun(string field) => field switch
    {
        "card" => "card",
        "phone" => "phone number",
        _ => "e-mail address",
    };
}

/// <summary>A card number bound to a member.</summary>
public sealed record CardResponse(string CardNumber);

/// <summary>The card numbers bound to a member.</summary>
public sealed record CardsResponse(IReadOnlyList<string> Cards);
