using System.Globalization;

namespace ResearchBot.Discord.Interactions;

/// <summary>Permission bits as Discord sends them: a decimal string; ADMINISTRATOR implies every other bit.</summary>
public static class DiscordPermissions
{
    public const ulong Administrator = 8;
    public const ulong ManageChannels = 16;

    public static ulong Parse(string? value) =>
        ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits) ? bits : 0;

    public static bool Has(ulong permissions, ulong bit) =>
        (permissions & Administrator) == Administrator || (permissions & bit) == bit;
}
