using System.Numerics.Tensors;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.Similarity.Onnx;

/// <summary>
/// A packaged sentence-embedding model run by ONNX Runtime on the CPU (or CUDA when configured): WordPiece tokenisation,
/// texts sorted by length and batched so padding stays small, truncation at <see cref="OnnxEmbedderOptions.MaxTokens"/>,
/// pooling as the model was trained, L2 normalisation. Buffers are reused between batches; calls run one at a time.
/// </summary>
public sealed class OnnxTextEmbedder : ITextEmbedder, IDisposable
{
    private readonly OnnxEmbedderOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly BertTokenizer _tokenizer = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _hidden;
    private long[] _ids = [];
    private long[] _mask = [];
    private long[] _types = [];
    private float[] _states = [];
    private readonly long[] _scratchIds;
    private readonly long[] _scratchMask;
    private bool _disposed;

    /// <summary>Loads the configured model from its package (see <see cref="ModelFiles"/>) and builds the session.</summary>
    public OnnxTextEmbedder(OnnxEmbedderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        Model = SentenceModel.Of(options.Model);
        // [CLS], at least one word piece, [SEP]; never past the model's position table.
        MaxTokens = Math.Clamp(options.MaxTokens <= 0 ? Model.TrainedTokens : options.MaxTokens, 3, Model.TrainedTokens);
        var (onnx, vocabulary) = ModelFiles.Read(Model);
        using (var reader = new StringReader(vocabulary))
        {
            _tokenizer.LoadVocabulary(reader, convertInputToLowercase: true);
        }

        using var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (options.Provider == ExecutionProvider.Cuda)
        {
            sessionOptions.AppendExecutionProvider_CUDA(options.CudaDevice);
        }

        if (options.Int8 && options.Provider == ExecutionProvider.Cpu)
        {
            (onnx, QuantizedMatMuls) = Int8Quantizer.Quantize(onnx);
        }

        _session = new InferenceSession(onnx, sessionOptions);
        _inputNames = [.. _session.InputMetadata.Keys];
        var output = _session.OutputMetadata.FirstOrDefault(o => o.Key == "last_hidden_state");
        if (output.Key is null)
        {
            output = _session.OutputMetadata.First(o => o.Value.Dimensions.Length == 3);
        }

        _outputNames = [output.Key];
        _hidden = output.Value.Dimensions[^1] > 0 ? output.Value.Dimensions[^1] : SentenceModel.Dimensions;
        _scratchIds = new long[MaxTokens];
        _scratchMask = new long[MaxTokens];
        ModelId = $"{Model.ShortName}{(QuantizedMatMuls > 0 ? "-int8" : "")}/{MaxTokens}/{Model.Pooling.ToString().ToLowerInvariant()}/{options.Text switch { PaperText.Title => "t", PaperText.Abstract => "a", _ => "ta" }}";
    }

    /// <summary>The model that runs.</summary>
    public SentenceModel Model { get; }

    /// <summary>Matrix products running in int8 (0: the float model as packaged).</summary>
    public int QuantizedMatMuls { get; }

    /// <summary>Word pieces per text after truncation ([CLS] and [SEP] included).</summary>
    public int MaxTokens { get; }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int Dimensions => _hidden;

    /// <summary>
    /// The category projection fitted for this model, its pooling and its text on the labelled dev corpus
    /// (<c>Projections/</c>, see <c>CategoryProjection</c>), the same for every token limit and for int8 or float weights.
    /// </summary>
    public Stream? OpenProjection(int dimensions) =>
        typeof(OnnxTextEmbedder).Assembly.GetManifestResourceStream("ResearchBot.Similarity.Onnx.Projections." + ProjectionFileName(dimensions));

    /// <summary>
    /// The file under <c>Projections/</c> that holds this model's projection to <paramref name="dimensions"/>:
    /// model.pooling.text.dimensions.bin (the text part is the last segment of <see cref="ModelId"/>).
    /// </summary>
    internal string ProjectionFileName(int dimensions) =>
        $"{Model.ShortName}.{Model.Pooling.ToString().ToLowerInvariant()}.{ModelId[(ModelId.LastIndexOf('/') + 1)..]}.{dimensions}.bin";

    /// <inheritdoc />
    public string TextOf(Paper paper)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return TextOf(paper.Title, paper.Abstract, _options.Text);
    }

    /// <summary>The embedded text of a title and abstract.</summary>
    public static string TextOf(string? title, string? @abstract, PaperText text)
    {
        var t = (title ?? "").Trim();
        var a = (@abstract ?? "").Trim();
        if (text == PaperText.Title || a.Length == 0)
        {
            return t;
        }

        if (text == PaperText.Abstract)
        {
            return a;
        }

        if (t.Length == 0)
        {
            return a;
        }

        return t.EndsWith('.') || t.EndsWith('?') || t.EndsWith('!') ? t + " " + a : t + ". " + a;
    }

    /// <inheritdoc />
    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        EmbedCoreAsync(texts, "", cancellationToken);

    /// <summary>
    /// As <see cref="EmbedAsync"/> for short search queries (a title, free text): with the model's query prefix where it
    /// was trained with one (Arctic); the same as <see cref="EmbedAsync"/> otherwise.
    /// </summary>
    public Task<float[][]> EmbedQueriesAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken) =>
        EmbedCoreAsync(queries, Model.QueryPrefix, cancellationToken);

    /// <summary>The word-piece ids of <paramref name="text"/> as the model sees it ([CLS] … [SEP], truncated).</summary>
    public long[] Tokenize(string text)
    {
        _gate.Wait();
        try
        {
            var n = TokenizeCore(text);
            return _scratchIds.AsSpan(0, n).ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<float[][]> EmbedCoreAsync(IReadOnlyList<string> texts, string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (texts.Count == 0)
        {
            return [];
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // ONNX Runtime blocks its caller: keep it off the caller's thread (a hosted service, a command handler).
            return await Task.Run(() => Embed(texts, prefix, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private float[][] Embed(IReadOnlyList<string> texts, string prefix, CancellationToken cancellationToken)
    {
        // Tokenise everything once, then run the texts in order of length so each batch pads to nearly its own length.
        var tokens = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var n = TokenizeCore(prefix.Length == 0 ? texts[i] ?? "" : prefix + texts[i]);
            var row = new int[n];
            for (var j = 0; j < n; j++)
            {
                row[j] = (int)_scratchIds[j];
            }

            tokens[i] = row;
        }

        var order = Enumerable.Range(0, texts.Count).ToArray();
        Array.Sort(order, (a, b) => tokens[a].Length != tokens[b].Length ? tokens[a].Length.CompareTo(tokens[b].Length) : a.CompareTo(b));
        var result = new float[texts.Count][];
        var batch = Math.Max(1, _options.BatchSize);
        for (var start = 0; start < order.Length; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = order.AsSpan(start, Math.Min(batch, order.Length - start));
            RunBatch(rows, tokens, result);
        }

        return result;
    }

    private void RunBatch(ReadOnlySpan<int> rows, int[][] tokens, float[][] result)
    {
        var b = rows.Length;
        var length = 0;
        foreach (var r in rows)
        {
            length = Math.Max(length, tokens[r].Length);
        }

        var cells = b * length;
        Grow(ref _ids, cells);
        Grow(ref _mask, cells);
        Grow(ref _types, cells);
        Grow(ref _states, cells * _hidden);
        for (var k = 0; k < b; k++)
        {
            var row = tokens[rows[k]];
            var ids = _ids.AsSpan(k * length, length);
            var mask = _mask.AsSpan(k * length, length);
            for (var j = 0; j < row.Length; j++)
            {
                ids[j] = row[j];
            }

            ids[row.Length..].Clear();
            mask[..row.Length].Fill(1);
            mask[row.Length..].Clear();
        }

        _types.AsSpan(0, cells).Clear();
        long[] shape = [b, length];
        var inputs = new OrtValue[_inputNames.Length];
        try
        {
            for (var i = 0; i < _inputNames.Length; i++)
            {
                var buffer = _inputNames[i] switch
                {
                    "input_ids" => _ids,
                    "attention_mask" => _mask,
                    "token_type_ids" => _types,
                    var other => throw new InvalidDataException($"The model asks for an unknown input '{other}'."),
                };
                inputs[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, cells), shape);
            }

            using var states = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _states.AsMemory(0, cells * _hidden), [b, length, _hidden]);
            _session.Run(_runOptions, _inputNames, inputs, _outputNames, [states]);
        }
        finally
        {
            foreach (var v in inputs)
            {
                v?.Dispose();
            }
        }

        for (var k = 0; k < b; k++)
        {
            result[rows[k]] = Pool(_states.AsSpan(k * length * _hidden, length * _hidden), tokens[rows[k]].Length, Model.Pooling, _hidden);
        }
    }

    /// <summary>One text's vector from its token states (<paramref name="tokens"/> real tokens, then padding), L2-normalised.</summary>
    internal static float[] Pool(ReadOnlySpan<float> states, int tokens, Pooling pooling, int hidden)
    {
        var v = new float[hidden];
        if (pooling == Pooling.Cls || tokens <= 1)
        {
            states[..hidden].CopyTo(v);
        }
        else
        {
            for (var t = 0; t < tokens; t++)
            {
                TensorPrimitives.Add(v, states.Slice(t * hidden, hidden), v);
            }

            TensorPrimitives.Divide(v, tokens, v);
        }

        var norm = TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }

        return v;
    }

    private int TokenizeCore(string text) =>
        _tokenizer.Encode(text, _scratchIds, _scratchMask, padTo: null);

    private static void Grow<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size)
        {
            buffer = new T[Math.Max(size, buffer.Length * 2)];
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
        _gate.Dispose();
    }
}
