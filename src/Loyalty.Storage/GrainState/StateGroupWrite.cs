using System.Data;
using Loyalty.Storage.Database;
using Npgsql;
using NpgsqlTypes;

namespace Loyalty.Storage.GrainState;

/// <summary>
/// The state updates of many grains in one batch and one commit. While one batch is under way, the
/// updates that arrive wait together for the next, so a node under load pays one round trip and one commit for many
/// grains' writes instead of one each (the ledger's appends are shared the same way, <c>LedgerGroupCommit</c>). Each
/// update is checked against its own version, as a single write is: one grain's stale version fails that grain's write
/// only. Each caller's task completes when the batch carrying its update has committed, and fails with it.
/// </summary>
internal sealed class StateGroupWrite(LoyaltyDatabase database, string serviceId)
{
    /// <summary>Updates per batch at most; more wait for the next one.</summary>
    internal const int MaxUpdatesPerBatch = 256;

    // One guarded update per grain, each by the table's primary key. PostgreSQL: sent together as one batch, they run in
    // one implicit transaction (one round trip, one commit); one statement joining an array of the updates to the table
    // instead cost PostgreSQL 760 µs a write under load (32 tills), three and a half times what single writes cost.
    // SQLite: one transaction through the database's write gate (one commit, so one flush of the log).
    private const string Sql =
        "UPDATE loyalty_grain_state SET payload = @payload, version = version + 1, modified_at = CURRENT_TIMESTAMP " +
        "WHERE service_id = @service AND state_name = @name AND grain_key = @key AND grain_id_n0 = 0 AND grain_id_n1 = 0 " +
        "AND version = @version RETURNING version";

    private readonly SharedBatches<StateUpdate> _batches = new(TakeBatch, async batch =>
        {
            // In key order, so that two nodes' batches over the same rows (a grain active on two nodes for a moment,
            // during a partition) lock them in one order and do not deadlock.
            batch.Sort((a, b) => a.StateName == b.StateName ? string.CompareOrdinal(a.Key, b.Key) : string.CompareOrdinal(a.StateName, b.StateName));
            var stored = database.Provider == StorageProvider.PostgreSql
                ? await UpdateAllAsync(database, serviceId, batch)
                : await database.WriteAsync(() => UpdateAllInTransactionAsync(database, serviceId, batch));
            for (var i = 0; i < batch.Count; i++)
                batch[i].Complete(stored[i]);
        }, (update, failure) => update.Fail(failure));

    /// <summary>
    /// Stores <paramref name="payload"/> as the state <paramref name="stateName"/> of the row <paramref name="key"/> if
    /// its version is still <paramref name="version"/>; returns the new version, or null when the version check failed.
    /// </summary>
    public Task<int?> UpdateAsync(string stateName, string key, int version, byte[] payload)
    {
        var update = new StateUpdate(stateName, key, version, payload);
        _batches.Add(update);
        return update.Stored;
    }

    /// <summary>The next batch's updates, in arrival order; a second update of a row already in it waits for the next.</summary>
    private static List<StateUpdate> TakeBatch(List<StateUpdate> waiting)
    {
        var batch = new List<StateUpdate>(Math.Min(waiting.Count, MaxUpdatesPerBatch));
        var rows = new HashSet<(string, string)>();
        var kept = 0;
        for (var i = 0; i < waiting.Count; i++)
        {
            var update = waiting[i];
            if (batch.Count < MaxUpdatesPerBatch && rows.Add((update.StateName, update.Key)))
                batch.Add(update);
            else
                waiting[kept++] = update;
        }
        waiting.RemoveRange(kept, waiting.Count - kept);
        return batch;
    }

    /// <summary>PostgreSQL: the updates as one batch; the new version of each, null where its version check failed.</summary>
    private static async Task<int?[]> UpdateAllAsync(LoyaltyDatabase database, string serviceId, List<StateUpdate> batch)
    {
        await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(CancellationToken.None);
        await using var statements = new NpgsqlBatch(connection) { Timeout = database.CommandTimeoutSeconds };
        foreach (var update in batch)
        {
            var statement = new NpgsqlBatchCommand(Sql);
            statement.Parameters.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Bytea) { TypedValue = update.Payload });
            statement.Parameters.Add(new NpgsqlParameter<string>("service", NpgsqlDbType.Text) { TypedValue = serviceId });
            statement.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlDbType.Text) { TypedValue = update.StateName });
            statement.Parameters.Add(new NpgsqlParameter<string>("key", NpgsqlDbType.Text) { TypedValue = update.Key });
            statement.Parameters.Add(new NpgsqlParameter<int>("version", NpgsqlDbType.Integer) { TypedValue = update.Version });
            statements.BatchCommands.Add(statement);
        }
        var stored = new int?[batch.Count];
        await using var reader = await statements.ExecuteReaderAsync(CancellationToken.None);
        for (var i = 0; i < batch.Count; i++)
        {
            if (await reader.ReadAsync(CancellationToken.None))
                stored[i] = reader.GetInt32(0);
            await reader.NextResultAsync(CancellationToken.None);
        }
        return stored;
    }

    /// <summary>SQLite: the updates one after the other in one transaction; the new version of each, null where its check failed.</summary>
    private static async Task<int?[]> UpdateAllInTransactionAsync(LoyaltyDatabase database, string serviceId,
        List<StateUpdate> batch)
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        await using var command = database.CreateCommand(connection, Sql, transaction);
        LoyaltyDatabase.AddParameter(command, "service", serviceId, DbType.String);
        LoyaltyDatabase.AddParameter(command, "payload", null, DbType.Binary);
        LoyaltyDatabase.AddParameter(command, "name", null, DbType.String);
        LoyaltyDatabase.AddParameter(command, "key", null, DbType.String);
        LoyaltyDatabase.AddParameter(command, "version", null, DbType.Int32);
        var stored = new int?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var update = batch[i];
            command.Parameters["payload"].Value = update.Payload;
            command.Parameters["name"].Value = update.StateName;
            command.Parameters["key"].Value = update.Key;
            command.Parameters["version"].Value = update.Version;
            if (await command.ExecuteScalarAsync(CancellationToken.None) is { } version and not DBNull)
                stored[i] = Convert.ToInt32(version, System.Globalization.CultureInfo.InvariantCulture);
        }
        await transaction.CommitAsync(CancellationToken.None);
        return stored;
    }

    private sealed class StateUpdate(string stateName, string key, int version, byte[] payload)
    {
        private readonly TaskCompletionSource<int?> _stored = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string StateName { get; } = stateName;
        public string Key { get; } = key;
        public int Version { get; } = version;
        public byte[] Payload { get; } = payload;
        public Task<int?> Stored => _stored.Task;

        public void Complete(int? version) => _stored.TrySetResult(version);

        public void Fail(Exception failure) => _stored.TrySetException(failure);
    }
}
