using System.Text.Json.Nodes;

namespace Loyalty.FaultTests.Endpoints;

/// <summary>
/// Every endpoint the fault tests know, with who may call it (the contract's "who" column) and its body. An endpoint
/// in the engine's OpenAPI document that is not here fails the scenarios, so that a new call gets its hostile
/// requests and its access expectations written before it ships.
/// </summary>
internal static class EndpointCatalog
{
    public const string ProfileName = "Fault tester";

    private static readonly FieldSpec TransactionId = new("transactionId", FieldKind.Text, Required: true, MaxLength: 64);
    private static readonly FieldSpec StoreId = new("storeId", FieldKind.Text, Required: false, MaxLength: 64);

    private static IReadOnlyList<EndpointSpec> Accounts { get; } =
    [
        new("PUT", "/api/members/{memberId}", EndpointAccess.StaffOrSupport,
            [
                new("name", FieldKind.Text, Required: true, MaxLength: 200),
                new("email", FieldKind.Email, Required: false, MaxLength: 254),
                new("birthDate", FieldKind.Date, Required: false),
                new("phone", FieldKind.Phone, Required: false, MaxLength: 40),
            ],
            [],
            t => new JsonObject { ["name"] = ProfileName, ["email"] = Cluster.RunMembers.Email(t.MemberId), ["birthDate"] = "1990-04-01" }),
        new("GET", "/api/members/{memberId}", EndpointAccess.StaffSupportOrThatMember, [], [], null),
        new("POST", "/api/members/{memberId}/purchases", EndpointAccess.Till,
            [
                TransactionId, StoreId,
                new("occurredAt", FieldKind.Timestamp, Required: false),
                new("lines", FieldKind.Lines, Required: true),
                new("lines[0].sku", FieldKind.Text, Required: true, MaxLength: 64),
                new("lines[0].category", FieldKind.Text, Required: false, MaxLength: 64),
                new("lines[0].quantity", FieldKind.Integer, Required: true, Minimum: 1, Maximum: 10_000),
                new("lines[0].unitPrice", FieldKind.Money, Required: true, Minimum: 0, Maximum: 1_000_000),
            ],
            [],
            t => new JsonObject
            {
                ["transactionId"] = t.TransactionId,
                ["storeId"] = "S-01",
                ["occurredAt"] = t.OccurredAt,
                ["lines"] = new JsonArray(new JsonObject { ["sku"] = "TEA", ["category"] = "tea", ["quantity"] = 1, ["unitPrice"] = 1.50m }),
            }),
        new("POST", "/api/members/{memberId}/redemptions", EndpointAccess.Till,
            [TransactionId, StoreId, new("points", FieldKind.Integer, Required: true, Minimum: 1, Maximum: 1_000_000_000)],
            [],
            t => new JsonObject { ["transactionId"] = t.TransactionId, ["storeId"] = "S-01", ["points"] = 1 }),
        new("POST", "/api/members/{memberId}/refunds", EndpointAccess.Till,
            [
                TransactionId, StoreId,
                new("originalTransactionId", FieldKind.Text, Required: true, MaxLength: 64),
                new("lines", FieldKind.Lines, Required: true),
                new("lines[0].sku", FieldKind.Text, Required: true, MaxLength: 64),
                new("lines[0].quantity", FieldKind.Integer, Required: true, Minimum: 1, Maximum: 10_000),
            ],
            [],
            t => new JsonObject
            {
                ["transactionId"] = t.TransactionId,
                ["storeId"] = "S-01",
                ["originalTransactionId"] = t.SaleTransactionId,
                ["lines"] = new JsonArray(new JsonObject { ["sku"] = t.SaleSku, ["quantity"] = 1 }),
            }),
        new("GET", "/api/members/{memberId}/activity", EndpointAccess.StaffSupportOrThatMember, [], ["limit", "before"], null),
        new("POST", "/api/dev/tokens", EndpointAccess.Anyone,
            [new("memberId", FieldKind.Text, Required: true, MaxLength: 64)],
            [],
            t => new JsonObject { ["memberId"] = t.MemberId }),
    ];

    /// <summary>Every endpoint (declared after the account calls: static members are set in order).</summary>
    public static IReadOnlyList<EndpointSpec> All { get; } =
        [.. Accounts, .. MarketingEndpoints.All, .. IdentityEndpoints.All, .. TillEndpoints.All, .. SignInEndpoints.All, .. CorrectionEndpoints.All, .. ReportEndpoints.All,
         .. PrivacyEndpoints.All, .. ExportEndpoints.All, .. ImportEndpoints.All];

    /// <summary>Calls of the contract that its OpenAPI document does not list (it does not describe itself or the health checks).</summary>
    public static IReadOnlyList<EndpointSpec> OutsideTheDocument { get; } =
    [
        new("GET", "/health/live", EndpointAccess.Anyone, [], [], null),
        new("GET", "/health/ready", EndpointAccess.Anyone, [], [], null),
        new("GET", OpenApiEndpoints.DocumentPath, EndpointAccess.Anyone, [], [], null),
    ];

    public static EndpointSpec? Find(string method, string template) =>
        All.FirstOrDefault(e => e.Method == method && e.Template == template);
}
