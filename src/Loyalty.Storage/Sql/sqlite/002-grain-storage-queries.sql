-- The queries the Orleans ADO.NET grain storage provider reads at start-up from OrleansQuery.
-- The provider binds parameters by name: @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
-- @GrainTypeString (the state name), @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary.
-- Idempotent: the rows are created or brought up to date. Quotes inside the query texts are doubled.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey   TEXT NOT NULL PRIMARY KEY,
    QueryText  TEXT NOT NULL
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM loyalty_grain_state
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = IFNULL(@GrainIdExtensionString, '''')
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1;
'),

-- One upsert: the first insert when the caller has no version, else an update guarded by the caller's version
-- (a row that is gone is not brought back). Then the outcome, from changes() of the upsert: the new version;
-- the caller's version when its check failed; no row when a first write lost the race.
('WriteToStorageKey', '
INSERT INTO loyalty_grain_state (service_id, state_name, grain_key, grain_id_n0, grain_id_n1, payload, version)
SELECT @ServiceId, @GrainTypeString, IFNULL(@GrainIdExtensionString, ''''), @GrainIdN0, @GrainIdN1, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
   OR EXISTS (
        SELECT 1 FROM loyalty_grain_state
        WHERE service_id = @ServiceId
          AND state_name = @GrainTypeString
          AND grain_key = IFNULL(@GrainIdExtensionString, '''')
          AND grain_id_n0 = @GrainIdN0
          AND grain_id_n1 = @GrainIdN1)
ON CONFLICT (service_id, state_name, grain_key, grain_id_n0, grain_id_n1) DO UPDATE
SET payload = excluded.payload, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE version = @GrainStateVersion;

SELECT CASE WHEN changes() > 0 THEN IFNULL(@GrainStateVersion + 1, 1) ELSE @GrainStateVersion END AS NewGrainStateVersion
WHERE changes() > 0 OR @GrainStateVersion IS NOT NULL;
'),

-- Clearing keeps the row (payload NULL) so that the version keeps counting.
('ClearStorageKey', '
UPDATE loyalty_grain_state
SET payload = NULL, version = version + 1, modified_at = CURRENT_TIMESTAMP
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = IFNULL(@GrainIdExtensionString, '''')
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND version = @GrainStateVersion;

SELECT CASE WHEN changes() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END AS NewGrainStateVersion
WHERE @GrainStateVersion IS NOT NULL;
')
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = excluded.QueryText
WHERE QueryText IS NOT excluded.QueryText;
