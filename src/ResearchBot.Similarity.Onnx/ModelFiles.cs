using System.Reflection;
using System.Runtime.Loader;

namespace ResearchBot.Similarity.Onnx;

/// <summary>
/// Reads a packaged model's <c>model.onnx</c> and <c>vocab.txt</c> from the embedded resources of its package assembly,
/// loaded into a collectible context only to read them (none of its code runs, its dependencies are never loaded).
/// </summary>
internal static class ModelFiles
{
    /// <summary>The folder the package assemblies are copied to, next to this assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The ONNX graph and the vocabulary lines of <paramref name="model"/>.</summary>
    /// <exception cref="FileNotFoundException">The package assembly is not under <see cref="Folder"/>.</exception>
    public static (byte[] Onnx, string Vocabulary) Read(SentenceModel model)
    {
        var path = Path.Combine(Folder, model.Assembly + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {model.ShortName} model package ({model.Assembly}.dll) is not in {Folder}; build ResearchBot.Similarity.Onnx (it copies it there).", path);
        }

        var context = new AssemblyLoadContext("sentence-model-" + model.ShortName, isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(path);
            return (ReadAll(assembly, model.Assembly + ".Resources.model.onnx"), System.Text.Encoding.UTF8.GetString(ReadAll(assembly, model.Assembly + ".Resources.vocab.txt")));
        }
        finally
        {
            context.Unload();
        }
    }

    private static byte[] ReadAll(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidDataException($"{assembly.GetName().Name} has no resource {name}.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
