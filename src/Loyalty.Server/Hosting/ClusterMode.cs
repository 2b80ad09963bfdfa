namespace Loyalty.Server.Hosting;

/// <summary>How the nodes of the engine find each other: <c>Loyalty:Cluster:Mode</c>.</summary>
public enum ClusterMode
{
    /// <summary>One node on its own (Orleans localhost clustering); any storage. The default.</summary>
    Localhost,

    /// <summary>
    /// Any number of nodes sharing one PostgreSQL database (<c>Loyalty:Storage</c>), which keeps their membership and
    /// reminders (Orleans ADO.NET clustering and reminders).
    /// </summary>
    AdoNet,

    /// <summary>
    /// <see cref="AdoNet"/>, plus Orleans' Kubernetes hosting: each pod advertises its own IP and name, and nodes whose
    /// pods are gone are declared dead at once.
    /// </summary>
    Kubernetes,
}
