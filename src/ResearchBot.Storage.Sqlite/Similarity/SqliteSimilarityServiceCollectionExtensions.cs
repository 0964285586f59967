using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Storage.Sqlite.Similarity;

public static class SqliteSimilarityServiceCollectionExtensions
{
    /// <summary>Similarity persistence (models + vectors), FTS5 more-like-this, and scratch databases for <c>eval</c>.</summary>
    public static IServiceCollection AddSqliteSimilarityStorage(this IServiceCollection services)
    {
        services.AddSqliteStorage();
        services.TryAddSingleton<ISimilarityStore, SqliteSimilarityStore>();
        services.TryAddSingleton<IKeywordNeighbourSearch, SqliteKeywordNeighbourSearch>();
        services.TryAddSingleton<IScratchIndexFactory, SqliteScratchIndexFactory>();
        return services;
    }
}
