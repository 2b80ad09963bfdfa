-- The queries the Orleans ADO.NET grain storage provider reads at start-up from OrleansQuery.
-- The provider binds parameters by name: @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
-- @GrainTypeString (the state name), @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary.
-- Idempotent: the rows are created or brought up to date.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey   varchar(64) NOT NULL,
    QueryText  text        NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $query$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM loyalty_grain_state
WHERE service_id = @ServiceId
  AND state_name = @GrainTypeString
  AND grain_key = COALESCE(@GrainIdExtensionString::text, '')
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1;
$query$),

-- One statement: an update guarded by the caller's version, or the first insert when the caller has none.
-- Returns the new version; the caller's version when its check failed; no row when a first write lost the race.
('WriteToStorageKey', $query$
WITH updated AS (
    UPDATE loyalty_grain_state
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_key = COALESCE(@GrainIdExtensionString::text, '')
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND version = @GrainStateVersion::integer
    RETURNING version
), inserted AS (
    INSERT INTO loyalty_grain_state (service_id, state_name, grain_key, grain_id_n0, grain_id_n1, payload, version)
    SELECT @ServiceId, @GrainTypeString, COALESCE(@GrainIdExtensionString::text, ''), @GrainIdN0, @GrainIdN1, @PayloadBinary, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT ON CONSTRAINT loyalty_grain_state_pk DO NOTHING
    RETURNING version
)
SELECT v AS "NewGrainStateVersion"
FROM (SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion::integer) AS v) AS outcome
WHERE v IS NOT NULL;
$query$),

-- Clearing keeps the row (payload NULL) so that the version keeps counting.
('ClearStorageKey', $query$
WITH cleared AS (
    UPDATE loyalty_grain_state
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId
      AND state_name = @GrainTypeString
      AND grain_key = COALESCE(@GrainIdExtensionString::text, '')
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND version = @GrainStateVersion::integer
    RETURNING version
)
SELECT v AS "NewGrainStateVersion"
FROM (SELECT COALESCE((SELECT version FROM cleared), @GrainStateVersion::integer) AS v) AS outcome
WHERE v IS NOT NULL;
$query$)
ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
