using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Loyalty.Grains;

/// <summary>
/// Turns a database failure inside a call to one of the engine's grains into a <see cref="StorageUnavailableException"/>
/// before the answer leaves the node. A driver's own exception (Npgsql's <c>PostgresException</c>, say) has no
/// Orleans codec: sent back to a caller on another node it became a serialization failure there, and the till got a
/// 500 instead of the 503 it retries. The grain has logged the original with its details already.
/// </summary>
public sealed class StorageFailureCallFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not StorageUnavailableException && FindDatabaseFailure(ex) is { } failure)
        {
            throw new StorageUnavailableException($"Storage failed ({failure.GetType().Name}): {failure.Message}");
        }
    }

    internal static DbException? FindDatabaseFailure(Exception? exception) => exception switch
    {
        null => null,
        DbException db => db,
        AggregateException all => all.InnerExceptions.Select(FindDatabaseFailure).FirstOrDefault(f => f is not null),
        _ => FindDatabaseFailure(exception.InnerException),
    };
}

public static class StorageFailureRegistration
{
    /// <summary>
    /// Registers <see cref="StorageFailureCallFilter"/>, and lets Orleans serialize the PostgreSQL driver's exceptions
    /// where one escapes outside a grain call (a failed activation), so that it still reaches the caller as what it is.
    /// </summary>
    public static IServiceCollection AddLoyaltyStorageFailureTranslation(this IServiceCollection services)
    {
        services.AddSingleton<IIncomingGrainCallFilter, StorageFailureCallFilter>();
        services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Npgsql"));
        return services;
    }
}
