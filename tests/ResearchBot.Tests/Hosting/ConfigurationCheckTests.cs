using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Configuration;
using ResearchBot.Hosting;

namespace ResearchBot.Tests.Hosting;

/// <summary>
/// Every bad setting, through the code path Program runs: <see cref="ResearchBotHost.Build"/> and then the
/// <see cref="ConfigurationCheck"/> that <c>VerbRunner</c> calls before anything else (the real process: see
/// <see cref="ConfigurationExitTests"/>).
/// </summary>
public sealed class ConfigurationCheckTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rb-config-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_dir, "db", "researchbot.db");

    [Theory]
    [MemberData(nameof(BadSettings.All), MemberType = typeof(BadSettings))]
    public void FindProblems_OneBadSetting_OneLineNamingTheKeyAndWhatIsAllowed(string key, string value, string extra)
    {
        var problems = Problems("ask", BadSettings.Settings(key, value, extra));

        var line = Assert.Single(problems);
        Assert.Contains(key, line, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("must |is required|is not a |points to ", line);
        Assert.DoesNotContain('\n', line);
        Assert.False(Directory.Exists(Path.GetDirectoryName(DatabasePath)), "nothing is written while checking");
    }

    [Theory]
    [InlineData("")]
    [InlineData(BadSettings.Discord)]
    [InlineData(BadSettings.DiscordHttp)]
    [InlineData(BadSettings.Slack)]
    [InlineData(BadSettings.SlackHttp)]
    [InlineData("Sources:Arxiv:Enabled=true;Sources:Arxiv:Categories:0=cs.AI;Sources:Arxiv:Categories:1=q-bio.NC;Sources:OpenAlex:Enabled=true;Sources:OpenAlex:Mailto=ops@example.org;Sources:HuggingFace:Enabled=true")]
    public void FindProblems_ShippedConfigurationWithEachRowsBaseline_None(string extra)
    {
        // The rows' baselines are valid, so each row's single problem is its bad value.
        var settings = BadSettings.Settings("Storage:SeedDemoData", "true", extra);

        Assert.Empty(Problems("run", settings));
        Assert.Empty(Problems("ask", settings));
    }

    [Fact]
    public void FindProblems_ManyBadSettings_EveryOneListed()
    {
        var problems = Problems("run", new Dictionary<string, string?>
        {
            ["Storage:BusyTimeout"] = "banana",
            ["Storage:DatabasePath"] = "", // a rule in the same section as a value that does not convert
            ["Similarity:Dimensions"] = "-3",
            ["Sources:Arxiv:Enabled"] = "true",
            ["Sources:Arxiv:InitialDays"] = "0", // a field rule and a cross-field rule of one class
            ["Alerts:MaxAttempts"] = "lots",
            ["Logging:LogLevel:Default"] = "Loud",
        });

        Assert.Equal(7, problems.Count);
        foreach (var key in new[] { "Storage:BusyTimeout", "Storage:DatabasePath", "Similarity:Dimensions", "Sources:Arxiv:Categories", "Sources:Arxiv:InitialDays", "Alerts:MaxAttempts", "Logging:LogLevel:Default" })
        {
            Assert.Single(problems, p => p.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void FindProblems_ValueThatDoesNotConvert_SaysTheTypeAndTheRange()
    {
        var line = Assert.Single(Problems("ask", new Dictionary<string, string?> { ["Storage:BusyTimeout"] = "banana" }));

        Assert.Equal("Storage:BusyTimeout must be a duration between 00:00:01 and 00:05:00, written [d.]hh:mm:ss such as 00:00:30 (got 'banana').", line);
    }

    [Fact]
    public void FindProblems_SecretOfTheWrongKind_NeverEchoesIt()
    {
        // A user token where the bot token belongs, made up at run time: no token-shaped literal lives in the repository.
        var secret = Guid.NewGuid().ToString("N");
        var line = Assert.Single(Problems("run", BadSettings.Settings("Slack:BotToken", string.Join('-', "xoxp", secret), BadSettings.Slack)));

        Assert.Contains("Slack:BotToken", line, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSettings_CoverEverySettingOfEverySection()
    {
        using var host = Build("run", BadSettings.Settings("Discord:Token", "abc.def", BadSettings.Discord + ";" + BadSettings.Slack));
        var covered = BadSettings.Rows.Select(r => r.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sections = host.Services.GetServices<SettingsSection>().ToList();

        Assert.Contains(sections, s => s.Path == "Discord");
        Assert.Contains(sections, s => s.Path == "Slack");
        var missing = sections
            .SelectMany(s => SettingValues.Settable(s.OptionsType).Select(p => $"{s.Path}:{p.Name}"))
            .Where(k => !covered.Contains(k) && !BadSettings.FreeForm.ContainsKey(k))
            .ToList();
        Assert.True(missing.Count == 0, "BadSettings has no bad value for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryOptionsClass_IsRegisteredAsAValidatedSection()
    {
        using var host = Build("run", BadSettings.Settings("Discord:Token", "abc.def", BadSettings.Discord + ";" + BadSettings.Slack));
        var registered = host.Services.GetServices<SettingsSection>().ToDictionary(s => s.OptionsType, s => s.Path);

        var optionsTypes = Directory.GetFiles(AppContext.BaseDirectory, "ResearchBot*.dll")
            .Where(f => !Path.GetFileName(f).Contains(".Tests", StringComparison.Ordinal) && !Path.GetFileName(f).Contains("TestKit", StringComparison.Ordinal))
            .Append(Path.Combine(AppContext.BaseDirectory, "researchbot.dll"))
            .SelectMany(f => Assembly.LoadFrom(f).GetTypes())
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();

        Assert.True(optionsTypes.Count >= 12, $"found only {optionsTypes.Count} options classes");
        foreach (var type in optionsTypes)
        {
            Assert.True(registered.TryGetValue(type, out var path), $"{type.Name} is not registered with AddValidatedOptions");
            Assert.Equal(type.GetField("Section")!.GetRawConstantValue(), path);

            // DataAnnotations' own validator stops at the first failing field and words lines differently.
            var validators = host.Services.GetServices(typeof(IValidateOptions<>).MakeGenericType(type));
            Assert.DoesNotContain(validators, v => v!.GetType().Name.StartsWith("DataAnnotationValidateOptions", StringComparison.Ordinal));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private List<string> Problems(string verb, Dictionary<string, string?> settings)
    {
        using var host = Build(verb, settings);
        return ConfigurationCheck.FindProblems(host.Services).ToList();
    }

    private Microsoft.Extensions.Hosting.IHost Build(string verb, Dictionary<string, string?> settings)
    {
        settings.TryAdd("Storage:DatabasePath", DatabasePath);
        return ResearchBotHost.Build(verb, [], c => c.AddInMemoryCollection(settings));
    }
}
