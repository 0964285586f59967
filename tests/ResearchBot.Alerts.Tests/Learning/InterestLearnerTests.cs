using ResearchBot.Alerts.Learning;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Alerts.Tests.Learning;

public sealed class InterestLearnerTests
{
    private const string Space = "test/v1";

    public static TheoryData<string> Learners => new() { "rocchio" };

    private static IInterestLearner Create(string name) => name switch
    {
        "rocchio" => new RocchioInterestLearner(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_FromExamples_ScoresPapersLikeThemAboveOthers(string name)
    {
        var learner = Create(name);
        var model = learner.Fit(Space, [Example(Unit(1, 0.1f, 0, 0)), Example(Unit(1, -0.1f, 0, 0))], Background(), threshold: 0.3f);

        Assert.Equal(Space, model.SpaceId);
        Assert.Equal(0.3f, model.Threshold);
        Assert.True(model.Score(Unit(1, 0, 0.1f, 0)) > model.Score(Unit(0, 0, 1, 0)));
        Assert.True(model.Score(Unit(1, 0, 0.1f, 0)) > model.Score(Unit(0, 1, 0, 0)));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_DownVote_LowersThatPaperAndItsNeighbours(string name)
    {
        var learner = Create(name);
        var examples = new[] { Example(Unit(1, 1, 0, 0)), Example(Unit(1, 0.8f, 0, 0)) };
        var disliked = Unit(0.2f, 1, 0, 0);
        var neighbour = Unit(0.25f, 1, 0.05f, 0);

        var before = learner.Fit(Space, examples, Background(), 0f);
        var after = learner.Fit(Space, [.. examples, new LabeledVector(disliked, InterestLabel.Down)], Background(), 0f);

        Assert.True(after.Score(disliked) < before.Score(disliked));
        Assert.True(after.Score(neighbour) < before.Score(neighbour));
        Assert.True(after.Score(Unit(1, 0, 0, 0)) > after.Score(disliked));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_UpVote_RaisesThatPaperAndItsNeighbours(string name)
    {
        var learner = Create(name);
        var examples = new[] { Example(Unit(1, 0, 0, 0)) };
        var liked = Unit(0.3f, 0, 1, 0);

        var before = learner.Fit(Space, examples, Background(), 0f);
        var after = learner.Fit(Space, [.. examples, new LabeledVector(liked, InterestLabel.Up)], Background(), 0f);

        Assert.True(after.Score(liked) > before.Score(liked));
        Assert.True(after.Score(Unit(0.3f, 0.05f, 1, 0)) > before.Score(Unit(0.3f, 0.05f, 1, 0)));
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_ChangedVote_TheLaterOneWins(string name)
    {
        var learner = Create(name);
        var examples = new[] { Example(Unit(1, 0, 0, 0)) };
        var paper = Unit(0.3f, 0, 1, 0);

        var upOnly = learner.Fit(Space, [.. examples, new LabeledVector(paper, InterestLabel.Up)], Background(), 0f);
        var downThenUp = learner.Fit(
            Space,
            [.. examples, new LabeledVector(paper, InterestLabel.Down), new LabeledVector((float[])paper.Clone(), InterestLabel.Up)],
            Background(),
            0f);

        Assert.Equal(upOnly.Weights, downThenUp.Weights);
        Assert.Equal(upOnly.Bias, downThenUp.Bias);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_NoEvidence_GivesAModelThatScoresEverythingAlike(string name)
    {
        var model = Create(name).Fit(Space, [], [], 0.5f);

        Assert.Empty(model.Weights);
        Assert.Equal(0.5f, model.Threshold);
    }

    [Theory]
    [MemberData(nameof(Learners))]
    public void Fit_VectorsOfDifferentLengths_AreRefused(string name) =>
        Assert.Throws<ArgumentException>(() => Create(name).Fit(Space, [Example([1f, 0f])], [[1f, 0f, 0f]], 0f));

    [Theory]
    [InlineData(10.0, 7, 10)]
    [InlineData(10.0, 14, 20)]
    [InlineData(3.0, 1, 0)] // 3/7 of a paper a day rounds to none
    [InlineData(35.0, 1, 5)]
    public void Calibrate_SyntheticStreamWithKnownRate_HitsTheVolume(double perWeek, int days, int expectedInWindow)
    {
        // A stream of 50 papers a day over the window, scores spread at random.
        var random = new Random(42);
        var scores = Enumerable.Range(0, 50 * days).Select(_ => (float)random.NextDouble()).ToList();

        var threshold = new RocchioInterestLearner().Calibrate(scores, TimeSpan.FromDays(days), perWeek);

        Assert.Equal(expectedInWindow, scores.Count(s => s >= threshold));
    }

    [Fact]
    public void Calibrate_OnTheStreamThatFollows_AnnouncesAboutTheWantedVolume()
    {
        // The same rate next week: 10 a week wanted out of 700 papers; a fresh week from the same distribution clears about 10.
        var random = new Random(7);
        var lastWeek = Enumerable.Range(0, 700).Select(_ => (float)random.NextDouble()).ToList();
        var nextWeek = Enumerable.Range(0, 700).Select(_ => (float)random.NextDouble()).ToList();

        var threshold = ThresholdCalibration.ForVolume(lastWeek, TimeSpan.FromDays(7), 10);

        Assert.InRange(nextWeek.Count(s => s >= threshold), 3, 20);
    }

    [Fact]
    public void Calibrate_Edges_AreSilentOrEverything()
    {
        float[] scores = [0.5f, 0.2f, -0.1f];

        Assert.Equal(float.PositiveInfinity, ThresholdCalibration.ForVolume([], TimeSpan.FromDays(7), 10));
        Assert.True(ThresholdCalibration.ForVolume(scores, TimeSpan.FromDays(7), 0) > 0.5f);
        Assert.True(ThresholdCalibration.ForVolume(scores, TimeSpan.FromDays(7), 100) < -0.1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCalibration.ForVolume(scores, TimeSpan.Zero, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => ThresholdCalibration.ForVolume(scores, TimeSpan.FromDays(1), double.NaN));
    }

    [Fact]
    public void Calibrate_CloseScores_StillSeparatesTheWantedCount()
    {
        var a = 0.5f;
        var b = MathF.BitDecrement(a);
        float[] scores = [a, b, b - 0.1f];

        var threshold = ThresholdCalibration.ForVolume(scores, TimeSpan.FromDays(7), 1);

        Assert.Equal(1, scores.Count(s => s >= threshold));
    }

    private static LabeledVector Example(float[] vector) => new(vector, InterestLabel.Example);

    private static List<float[]> Background() =>
        [Unit(1, 0, 0, 0.5f), Unit(0, 1, 0, 0.5f), Unit(0, 0, 1, 0.5f), Unit(0.3f, 0.3f, 0.3f, 1)];

    internal static float[] Unit(params float[] values)
    {
        var norm = MathF.Sqrt(values.Sum(v => v * v));
        return values.Select(v => v / norm).ToArray();
    }
}
