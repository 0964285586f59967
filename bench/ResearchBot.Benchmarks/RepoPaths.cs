namespace ResearchBot.Benchmarks;

/// <summary>Finds the repository (the folder with ResearchBot.sln) from the benchmark's binaries or working directory.</summary>
internal static class RepoPaths
{
    public static string Root()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ResearchBot.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository (ResearchBot.sln not found).");
    }
}
