namespace ResearchBot.TestKit;

/// <summary>
/// Vote button values a chat client could send back that are not a vote the bot wrote: every platform's vote test
/// clicks each of them and expects one private line and no vote.
/// </summary>
public static class MalformedVoteValues
{
    public static IReadOnlyList<string> All { get; } =
    [
        "rb1:u:vote sideways alert:1",
        "rb1:u:vote up alert:abc",
        "rb1:u:vote up alert:-3",
        "rb1:u:vote up alert:0",
        "rb1:u:vote up alert:99999999999999999999999",
        "rb1:u:vote up",
        "rb1:u:vote alert:1",
        "rb1:u:vote",
        "rb1:u:vote up alert:1 alert:2",
        "rb1:x:vote up alert:1",
        "rb1:u:vote up alert:1\u0000",
        "vote up alert:1",
    ];
}
