using Loyalty.Storage.Tests.Fixtures;

namespace Loyalty.Storage.Tests;

public sealed class SqliteStorageTests(SqliteFixture fixture) : StorageBehaviour<SqliteFixture>(fixture);
