using System.Collections.Immutable;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;

namespace ResearchBot.Core.Tests.Commands;

public sealed class ArgumentBinderTests
{
    private static readonly CommandSpec Similar = new("similar", "Similar papers",
        [
            new ParameterSpec("paper", "A link, id or title") { Rest = true, Required = true, MaxLength = 500 },
            new ParameterSpec("limit", "How many") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
            new ParameterSpec("since", "Year") { Kind = ParameterKind.Integer, MinValue = 1900, MaxValue = 2100 },
            new ParameterSpec("mode", "Mode") { Choices = ["instant", "daily", "weekly"] },
            new ParameterSpec("public", "Show to all") { Kind = ParameterKind.Boolean },
        ]);

    [Fact]
    public void BindText_RestAndNamedOptions_BindsBoth()
    {
        var (args, error) = ArgumentBinder.BindText(Similar, "Compiling to linear neurons limit:5 since:2020");

        Assert.Null(error);
        Assert.Equal("Compiling to linear neurons", args!.GetString("paper"));
        Assert.Equal(5, args.GetInt64("limit"));
        Assert.Equal(2020, args.GetInt64("since"));
    }

    [Fact]
    public void BindText_UnknownNameValueTokens_StayInRestText()
    {
        // /subscribe-style queries contain cat:… and author:"…" which are not options of the command.
        var (args, _) = ArgumentBinder.BindText(Similar, "cat:cs.LG author:\"Konrad Kording\" mode:daily");

        Assert.Equal("cat:cs.LG author:\"Konrad Kording\"", args!.GetString("paper"));
        Assert.Equal("daily", args.GetString("mode"));
    }

    [Fact]
    public void BindText_QuotedOptionValue_IsUnquoted()
    {
        var (args, _) = ArgumentBinder.BindText(Similar, "x mode:\"Weekly\"");
        Assert.Equal("weekly", args!.GetString("mode"));
    }

    [Theory]
    [InlineData("", "needs")]
    [InlineData("x limit:0", "between 1 and 25")]
    [InlineData("x limit:many", "whole number")]
    [InlineData("x mode:hourly", "one of instant, daily, weekly")]
    [InlineData("x public:maybe", "yes or no")]
    [InlineData("x limit:3 limit:4", "given twice")]
    public void BindText_BadInput_ExplainsTheProblem(string text, string expected)
    {
        var (args, error) = ArgumentBinder.BindText(Similar, text);

        Assert.Null(args);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void BindText_Overlong_IsRefused()
    {
        var (args, error) = ArgumentBinder.BindText(Similar, new string('a', 5000));
        Assert.Null(args);
        Assert.Contains("too long", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BindText_ControlAndBidiCharacters_AreRemoved()
    {
        var (args, _) = ArgumentBinder.BindText(Similar, "neu\u202Erons\u0000 and\u200B brains\r\nnow");
        Assert.Equal("neurons and brains now", args!.GetString("paper"));
    }

    [Fact]
    public void BindOptions_TypedValuesFromDiscord_BindToTheSameArguments()
    {
        var fromText = ArgumentBinder.BindText(Similar, "2401.12345 limit:7 public:yes").Arguments!;
        var fromOptions = ArgumentBinder.BindOptions(Similar, new Dictionary<string, object?>
        {
            ["paper"] = "2401.12345",
            ["limit"] = 7L,
            ["public"] = true,
        }).Arguments!;

        Assert.Equal(fromText.Values.OrderBy(kv => kv.Key), fromOptions.Values.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void BindOptions_UnknownOption_IsRefused()
    {
        var (args, error) = ArgumentBinder.BindOptions(Similar, ImmutableDictionary<string, object?>.Empty.Add("paper", "x").Add("colour", "red"));
        Assert.Null(args);
        Assert.Contains("no option `colour`", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BindText_NoRestParameter_FreeTextIsRefused()
    {
        var spec = new CommandSpec("subscriptions", "List", []);
        var (args, error) = ArgumentBinder.BindText(spec, "surprise");
        Assert.Null(args);
        Assert.Contains("takes no free text", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_IsGeneratedFromSpec() =>
        Assert.Equal("/similar PAPER [limit:N] [since:N] [mode:instant|daily|weekly] [public:yes|no]", Similar.Usage);
}
