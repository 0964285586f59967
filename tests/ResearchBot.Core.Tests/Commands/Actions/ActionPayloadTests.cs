using System.Collections.Immutable;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;

namespace ResearchBot.Core.Tests.Commands.Actions;

public sealed class ActionPayloadTests
{
    private static readonly CommandSpec Search = new("search", "Search",
        [
            new ParameterSpec("query", "Keywords") { Rest = true, Required = true },
            new ParameterSpec("limit", "How many") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
            ResultActions.PageParameter,
        ]);

    [Fact]
    public void Encode_ThenDecode_GivesTheSameCommandAndTarget()
    {
        var encoded = new ActionPayload(ActionTarget.UpdateMessage, new CommandInput.Text("search", "spiking networks page:2")).Encode();

        Assert.Equal("rb1:u:search spiking networks page:2", encoded);
        Assert.True(ActionPayload.TryDecode(encoded, out var decoded));
        Assert.Equal(ActionTarget.UpdateMessage, decoded.Target);
        Assert.Equal("search", decoded.Command.Command);
        Assert.Equal("spiking networks page:2", decoded.Command.Raw);
    }

    [Fact]
    public void Encode_LongerThanDiscordAllows_IsNull()
    {
        var payload = new ActionPayload(ActionTarget.NewMessage, new CommandInput.Text("similar", new string('x', 95)));

        Assert.Null(payload.Encode());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rb1:u:")]
    [InlineData("rb2:u:search x")]
    [InlineData("rb1:x:search x")]
    [InlineData("rb1:u/search x")]
    [InlineData("rb1:u:/search x")]
    [InlineData("rb1:u:search x\u0000")]
    [InlineData("rb1:u:search \u202Ex")]
    [InlineData("fb:1:up:2501.01234")]
    public void TryDecode_PayloadThisVersionDidNotWrite_IsRefused(string? payload)
    {
        Assert.False(ActionPayload.TryDecode(payload, out _));
    }

    [Fact]
    public void TryDecode_LongerThan100_IsRefused()
    {
        Assert.False(ActionPayload.TryDecode("rb1:n:similar " + new string('a', 90), out _));
    }

    [Fact]
    public void For_Arguments_ReadBackAsTheSameArguments()
    {
        var payload = ActionPayload.For(ActionTarget.UpdateMessage, Search, new Dictionary<string, object?> { ["query"] = "\"causal inference\" brain", ["limit"] = 10L, ["page"] = 2L });

        Assert.Equal("rb1:u:search \"causal inference\" brain limit:10 page:2", payload);
    }

    [Fact]
    public void For_FreeTextThatLooksLikeAnOption_GivesNoPayload()
    {
        // From Discord the query arrives as one typed value; as text, "limit:3" would bind as an option.
        var payload = ActionPayload.For(ActionTarget.UpdateMessage, Search, new Dictionary<string, object?> { ["query"] = "ratios limit:3", ["page"] = 2L });

        Assert.Null(payload);
    }

    [Fact]
    public void For_TooLong_GivesNoPayload()
    {
        var payload = ActionPayload.For(ActionTarget.UpdateMessage, Search, new Dictionary<string, object?> { ["query"] = string.Join(' ', Enumerable.Repeat("neural", 20)), ["page"] = 2L });

        Assert.Null(payload);
    }

    [Fact]
    public void ResultActions_FullPage_OffersMoreAndASimilarChoicePerPaper()
    {
        var papers = Enumerable.Range(1, 8).Select(i => new Core.Papers.Paper
        {
            Seq = i,
            Id = i % 2 == 0 ? $"2401.0000{i}" : $"t:title {i}",
            ArxivId = i % 2 == 0 ? $"2401.0000{i}" : null,
            Title = "Paper " + i,
            IndexedAt = DateTimeOffset.UnixEpoch,
        }).ToList();
        var arguments = new CommandArguments(ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create("query", (object)"neural")]));

        var actions = ResultActions.For(Search, arguments, page: 1, limit: 8, papers);

        var more = Assert.Single(actions, a => a.Kind == Replies.ReplyActionKind.Button);
        Assert.Equal("rb1:u:search neural page:2", more.Payload);
        var select = Assert.Single(actions, a => a.Kind == Replies.ReplyActionKind.Select);
        Assert.Equal(8, select.Choices.Length);
        Assert.Equal("rb1:n:similar 2401.00002", select.Choices[1].Payload);
        Assert.Equal("rb1:n:similar #3", select.Choices[2].Payload); // no arXiv id, no DOI: the index's number
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], select.Choices.Select(c => c.Position ?? 0));
    }

    [Fact]
    public void ResultActions_ShortPage_HasNoMore()
    {
        var paper = new Core.Papers.Paper { Seq = 1, Id = "2401.00001", ArxivId = "2401.00001", Title = "Only", IndexedAt = DateTimeOffset.UnixEpoch };
        var arguments = new CommandArguments(ImmutableDictionary.CreateRange(StringComparer.OrdinalIgnoreCase, [KeyValuePair.Create("query", (object)"neural")]));

        var actions = ResultActions.For(Search, arguments, page: 3, limit: 8, [paper]);

        Assert.DoesNotContain(actions, a => a.Kind == Replies.ReplyActionKind.Button);
    }
}
