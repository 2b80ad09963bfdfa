using Loyalty.Storage.Tests.Fixtures;

namespace Loyalty.Storage.Tests;

public sealed class PostgreSqlStorageTests(PostgreSqlFixture fixture) : StorageBehaviour<PostgreSqlFixture>(fixture);
