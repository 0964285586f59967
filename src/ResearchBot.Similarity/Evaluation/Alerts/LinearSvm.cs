namespace ResearchBot.Similarity.Evaluation.Alerts;

/// <summary>
/// A linear SVM on sparse vectors the way arxiv-sanity-lite trains one (scikit-learn's <c>LinearSVC</c>: L2
/// regularisation, squared hinge loss, an intercept as a constant feature of 1 that is regularised too, balanced class
/// weights, <c>C = 0.1</c>), solved by dual coordinate descent (Hsieh et al., 2008, the LIBLINEAR solver). Keeps its
/// dual variables, so a refit after a few more labels starts where the last one ended (warm start).
/// </summary>
internal sealed class LinearSvm(int features, double c = 0.1)
{
    private readonly List<(SparseVector X, sbyte Y)> _rows = [];
    private readonly List<double> _alpha = [];
    private readonly Dictionary<int, int> _rowOfKey = [];

    /// <summary>The weights (one per feature) and the intercept of the last fit.</summary>
    public float[] Weights { get; } = new float[features];
    public float Bias { get; private set; }

    /// <summary>Epochs the last fit ran.</summary>
    public int LastEpochs { get; private set; }

    /// <summary>Adds or relabels the example known by <paramref name="key"/> (a relabel resets its dual variable).</summary>
    public void Set(int key, SparseVector x, bool positive)
    {
        var y = (sbyte)(positive ? 1 : -1);
        if (_rowOfKey.TryGetValue(key, out var row))
        {
            if (_rows[row].Y != y)
            {
                RemoveContribution(row);
                _rows[row] = (x, y);
            }

            return;
        }

        _rowOfKey[key] = _rows.Count;
        _rows.Add((x, y));
        _alpha.Add(0);
    }

    /// <summary>Fits to a projected-gradient spread below <paramref name="tolerance"/> or <paramref name="maxEpochs"/> passes.</summary>
    public void Fit(int maxEpochs = 200, double tolerance = 0.01, int seed = 17)
    {
        var n = _rows.Count;
        var positives = _rows.Count(r => r.Y > 0);
        var negatives = n - positives;
        if (positives == 0 || negatives == 0)
        {
            LastEpochs = 0;
            return;
        }

        // Balanced: each class weighs n / (2 · its count), as class_weight='balanced'.
        var cPositive = c * n / (2.0 * positives);
        var cNegative = c * n / (2.0 * negatives);
        var qii = new double[n];
        var diag = new double[n];
        for (var i = 0; i < n; i++)
        {
            diag[i] = 0.5 / (_rows[i].Y > 0 ? cPositive : cNegative);
            qii[i] = _rows[i].X.SquaredNorm() + 1.0 + diag[i]; // + 1: the intercept feature
        }

        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var epoch = 0;
        for (; epoch < maxEpochs; epoch++)
        {
            random.Shuffle(order);
            double maxPg = double.NegativeInfinity, minPg = double.PositiveInfinity;
            foreach (var i in order)
            {
                var (x, y) = _rows[i];
                var g = (y * (x.Dot(Weights) + Bias)) - 1.0 + (diag[i] * _alpha[i]);
                var pg = _alpha[i] == 0 ? Math.Min(g, 0) : g;
                maxPg = Math.Max(maxPg, pg);
                minPg = Math.Min(minPg, pg);
                if (Math.Abs(pg) > 1e-12)
                {
                    var old = _alpha[i];
                    _alpha[i] = Math.Max(old - (g / qii[i]), 0);
                    var step = (float)((_alpha[i] - old) * y);
                    if (step != 0)
                    {
                        x.AddTo(Weights, step);
                        Bias += step;
                    }
                }
            }

            if (maxPg - minPg <= tolerance)
            {
                epoch++;
                break;
            }
        }

        LastEpochs = epoch;
    }

    public float Score(SparseVector x) => x.Dot(Weights) + Bias;

    private void RemoveContribution(int row)
    {
        var (x, y) = _rows[row];
        var step = (float)(-_alpha[row] * y);
        x.AddTo(Weights, step);
        Bias += step;
        _alpha[row] = 0;
    }
}
