-- Cluster membership, kept by the Orleans ADO.NET clustering provider when the engine runs as a cluster
-- (Loyalty:Cluster:Mode AdoNet or Kubernetes). Nodes of a cluster find each other here, and record which are alive.
-- The provider reads its queries from OrleansQuery (002) and binds parameters by name: @DeploymentId (the cluster id),
-- @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @SuspectTimes, @StartTime, @IAmAliveTime,
-- @Version. Idempotent: the tables are created when missing and the query rows are created or brought up to date.

-- One row per cluster id. Its version is the concurrency token of the cluster's whole membership: every change of a
-- node's row bumps it, and a writer holding an older version changes nothing.
CREATE TABLE IF NOT EXISTS loyalty_cluster_version
(
    cluster_id  text        NOT NULL,
    version     integer     NOT NULL DEFAULT 0,
    changed_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT loyalty_cluster_version_pk PRIMARY KEY (cluster_id)
);

-- One row per node incarnation (address, port and generation, which is new at every start).
-- status is the Orleans silo status (3 active, 6 dead); suspect_times lists who suspects the node, and since when.
CREATE TABLE IF NOT EXISTS loyalty_cluster_node
(
    cluster_id       text        NOT NULL,
    address          text        NOT NULL,
    port             integer     NOT NULL,
    generation       integer     NOT NULL,
    silo_name        text        NOT NULL,
    host_name        text        NOT NULL,
    status           integer     NOT NULL,
    proxy_port       integer     NOT NULL DEFAULT 0,  -- the gateway port; 0 without a gateway
    suspect_times    text        NULL,
    start_time       timestamptz NOT NULL,
    i_am_alive_time  timestamptz NOT NULL,
    CONSTRAINT loyalty_cluster_node_pk PRIMARY KEY (cluster_id, address, port, generation),
    CONSTRAINT loyalty_cluster_node_version_fk FOREIGN KEY (cluster_id)
        REFERENCES loyalty_cluster_version (cluster_id) ON DELETE CASCADE
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Creates the cluster's version row when missing; true when it did.
('InsertMembershipVersionKey', $query$
WITH inserted AS (
    INSERT INTO loyalty_cluster_version (cluster_id)
    VALUES (@DeploymentId)
    ON CONFLICT ON CONSTRAINT loyalty_cluster_version_pk DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 FROM inserted;
$query$),

-- A node joins: its row is added and the version bumped, together, only if the caller's version is still current
-- and the row is new. True when it was added.
('InsertMembershipKey', $query$
WITH bumped AS (
    UPDATE loyalty_cluster_version
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId
      AND version = @Version
      AND NOT EXISTS (
          SELECT 1 FROM loyalty_cluster_node
          WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id
), inserted AS (
    INSERT INTO loyalty_cluster_node
        (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    SELECT cluster_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, COALESCE(@ProxyPort, 0),
           @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*) > 0 FROM inserted;
$query$),

-- A node's status or suspicions change: the row is updated and the version bumped, together, only if the caller's
-- version is still current and the row exists. True when it was updated.
('UpdateMembershipKey', $query$
WITH bumped AS (
    UPDATE loyalty_cluster_version
    SET version = version + 1, changed_at = now()
    WHERE cluster_id = @DeploymentId
      AND version = @Version
      AND EXISTS (
          SELECT 1 FROM loyalty_cluster_node
          WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING cluster_id
), updated AS (
    UPDATE loyalty_cluster_node AS node
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE node.cluster_id = bumped.cluster_id
      AND node.address = @Address AND node.port = @Port AND node.generation = @Generation
    RETURNING 1
)
SELECT count(*) > 0 FROM updated;
$query$),

-- The heartbeat of a node: not a membership change, so the version stays.
('UpdateIAmAlivetimeKey', $query$
UPDATE loyalty_cluster_node
SET i_am_alive_time = @IAmAliveTime
WHERE cluster_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
$query$),

-- One node's row with the cluster's version; the version alone (node columns NULL) when the node has no row.
('MembershipReadRowKey', $query$
SELECT v.version AS "Version",
       n.address AS "Address", n.port AS "Port", n.generation AS "Generation",
       n.silo_name AS "SiloName", n.host_name AS "HostName", n.status AS "Status", n.proxy_port AS "ProxyPort",
       n.suspect_times AS "SuspectTimes", n.start_time AS "StartTime", n.i_am_alive_time AS "IAmAliveTime"
FROM loyalty_cluster_version AS v
LEFT JOIN loyalty_cluster_node AS n
       ON n.cluster_id = v.cluster_id AND n.address = @Address AND n.port = @Port AND n.generation = @Generation
WHERE v.cluster_id = @DeploymentId;
$query$),

-- Every node's row with the cluster's version; the version alone when there is no node.
('MembershipReadAllKey', $query$
SELECT v.version AS "Version",
       n.address AS "Address", n.port AS "Port", n.generation AS "Generation",
       n.silo_name AS "SiloName", n.host_name AS "HostName", n.status AS "Status", n.proxy_port AS "ProxyPort",
       n.suspect_times AS "SuspectTimes", n.start_time AS "StartTime", n.i_am_alive_time AS "IAmAliveTime"
FROM loyalty_cluster_version AS v
LEFT JOIN loyalty_cluster_node AS n ON n.cluster_id = v.cluster_id
WHERE v.cluster_id = @DeploymentId;
$query$),

-- Forgets a cluster: its version row, and with it (cascade) its nodes.
('DeleteMembershipTableEntriesKey', $query$
DELETE FROM loyalty_cluster_version WHERE cluster_id = @DeploymentId;
$query$),

-- The gateways of the nodes in the given status (active), for clients.
('GatewaysQueryKey', $query$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM loyalty_cluster_node
WHERE cluster_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$query$),

-- Removes the rows of dead nodes not heard of since the given time.
('CleanupDefunctSiloEntriesKey', $query$
DELETE FROM loyalty_cluster_node
WHERE cluster_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime;
$query$)

ON CONFLICT (QueryKey) DO UPDATE
SET QueryText = EXCLUDED.QueryText
WHERE OrleansQuery.QueryText IS DISTINCT FROM EXCLUDED.QueryText;
