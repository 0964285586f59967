using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Storage.Sqlite.Similarity;

public static class SqliteSimilarityServiceCollectionExtensions
{
    /// <summary>
    /// Similarity persistence (models + vectors), FTS5 more-like-this, and scratch databases for <c>eval</c>.
    /// Chained after <see cref="SqliteServiceCollectionExtensions.AddSqliteStorage"/> by the executable.
    /// </summary>
    public static IServiceCollection AddSqliteSimilarity(this IServiceCollection services)
    {
        services.TryAddSingleton<ISimilarityStore, SqliteSimilarityStore>();
        services.TryAddSingleton<IKeywordNeighbourSearch, SqliteKeywordNeighbourSearch>();
        services.TryAddSingleton<IScratchIndexFactory, SqliteScratchIndexFactory>();
        return services;
    }
}
