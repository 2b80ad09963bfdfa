using System.Net.Http.Json;
using System.Globalization;
using System.Runtime.CompilerServices;
using Loyalty.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Loyalty.Server.Tests;

/// <summary>
/// A stopped engine lets go of everything it held: nothing process-wide (a timer, a listener) keeps its services, its
/// pipeline or its silo. One engine per process would not notice a leak; a process that starts many would keep them all.
/// </summary>
public class HostReleaseTests
{
    [Fact]
    public async Task An_engine_that_has_stopped_can_be_collected()
    {
        // The first engine of a process may be kept by a runtime thread that was started under it and kept its
        // execution context; the engines after it are not.
        var first = await RunEngineAsync();
        var second = await RunEngineAsync();

        for (var i = 0; i < 20 && second.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(50);
        }
        Assert.False(second.IsAlive, "the stopped engine's services are still reachable");
        GC.KeepAlive(first);
    }

    [Fact]
    public async Task The_silo_takes_its_directory_cache_size_from_the_cluster_settings()
    {
        var first = await RunEngineAsync(host =>
            Assert.Equal(int.Parse(TestEngines.DirectoryCacheSize, CultureInfo.InvariantCulture),
                host.Services.GetRequiredService<IOptions<GrainDirectoryOptions>>().Value.CacheSize));
        GC.KeepAlive(first);
    }

    /// <summary>Starts an engine, makes a rate-limited call and a call under an endpoint policy, stops it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<WeakReference> RunEngineAsync(Action<EngineHost>? check = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "loyalty-release-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var host = new EngineHost(new Dictionary<string, string>
            {
                ["Provider"] = "Sqlite",
                ["ConnectionString"] = $"Data Source={Path.Combine(folder, "loyalty.db")}",
            });
            var services = new WeakReference(host.Services);
            (await host.Till().GetAsync($"/api/members/{Api.NewMemberId()}")).Dispose();
            (await host.Client(null).PostAsJsonAsync("/api/auth/codes", new { email = "release@example.com" })).Dispose();
            check?.Invoke(host);
            await host.DisposeAsync();
            return services;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
