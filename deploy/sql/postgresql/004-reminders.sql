-- Reminders, kept by the Orleans ADO.NET reminder service when the engine runs as a cluster
-- (Loyalty:Cluster:Mode AdoNet or Kubernetes): durable timers of grains, which survive restarts and node failures.
-- The provider reads its queries from OrleansQuery (002) and binds parameters by name: @ServiceId, @GrainId,
-- @GrainHash, @ReminderName, @StartTime, @Period (milliseconds), @Version, @BeginHash, @EndHash.
-- Idempotent: the table is created when missing and the query rows are created or brought up to date.

-- One row per grain and reminder name. grain_hash places the reminder on the ring of nodes: each node serves the
-- reminders of its range of hashes. version is the reminder's concurrency token.
CREATE TABLE IF NOT EXISTS loyalty_reminder
(
    service_id     text        NOT NULL,
    grain_id       text        NOT NULL,
    reminder_name  text        NOT NULL,
    start_time     timestamptz NOT NULL,
    period_ms      bigint      NOT NULL,
    grain_hash     integer     NOT NULL,
    version        integer     NOT NULL,
    CONSTRAINT loyalty_reminder_pk PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS loyalty_reminder_hash ON loyalty_reminder (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates or replaces a reminder; returns its new version.
('UpsertReminderRowKey', $query$
INSERT INTO loyalty_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
ON CONFLICT ON CONSTRAINT loyalty_reminder_pk DO UPDATE
SET start_time = EXCLUDED.start_time,
    period_ms = EXCLUDED.period_ms,
    grain_hash = EXCLUDED.grain_hash,
    version = loyalty_reminder.version + 1
RETURNING version AS "Version";
$query$),

-- The reminders of a grain.
('ReadReminderRowsKey', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM loyalty_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$query$),

-- One reminder of a grain.
('ReadReminderRowKey', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM loyalty_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$query$),

-- The reminders of a range of the ring that does not wrap: BeginHash < hash <= EndHash.
('ReadRangeRows1Key', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM loyalty_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$query$),

-- The reminders of a range of the ring that wraps around: hash > BeginHash or hash <= EndHash.
('ReadRangeRows2Key', $query$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period_ms AS "Period", version AS "Version"
FROM loyalty_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$query$),

-- Removes a reminder if the caller's version is current; true when it did.
('DeleteReminderRowKey', $query$
WITH deleted AS (
    DELETE FROM loyalty_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 FROM deleted;
$query$),

-- Removes every reminder of the service.
('DeleteReminderRowsKey', $query$
DELETE FROM loyalty_reminder WHERE service_id = @ServiceId;
$query$)

ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
