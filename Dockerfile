# syntax=docker/dockerfile:1
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore layer: solution-level files and each project file at its real path.
COPY ResearchBot.sln global.json NuGet.config Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ResearchBot.Alerts/ResearchBot.Alerts.csproj src/ResearchBot.Alerts/
COPY src/ResearchBot.Charts/ResearchBot.Charts.csproj src/ResearchBot.Charts/
COPY src/ResearchBot.Core/ResearchBot.Core.csproj src/ResearchBot.Core/
COPY src/ResearchBot.Discord/ResearchBot.Discord.csproj src/ResearchBot.Discord/
COPY src/ResearchBot.Similarity/ResearchBot.Similarity.csproj src/ResearchBot.Similarity/
COPY src/ResearchBot.Similarity.Onnx/ResearchBot.Similarity.Onnx.csproj src/ResearchBot.Similarity.Onnx/
COPY src/ResearchBot.Slack/ResearchBot.Slack.csproj src/ResearchBot.Slack/
COPY src/ResearchBot.Sources/ResearchBot.Sources.csproj src/ResearchBot.Sources/
COPY src/ResearchBot.Storage.Shared/ResearchBot.Storage.Shared.csproj src/ResearchBot.Storage.Shared/
COPY src/ResearchBot.Storage.Sqlite/ResearchBot.Storage.Sqlite.csproj src/ResearchBot.Storage.Sqlite/
COPY src/ResearchBot.Storage.Postgres/ResearchBot.Storage.Postgres.csproj src/ResearchBot.Storage.Postgres/
COPY src/ResearchBot.Transport/ResearchBot.Transport.csproj src/ResearchBot.Transport/
COPY src/ResearchBot/ResearchBot.csproj src/ResearchBot/
# One runtime identifier: without it the publish output carries Skia's and SQLite's native libraries for every
# platform (about 190 MB); with it, only this image's (linux-x64 or linux-arm64, from buildx's TARGETARCH).
ARG TARGETARCH
RUN echo "linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" > /tmp/rid \
 && dotnet restore src/ResearchBot/ResearchBot.csproj -r "$(cat /tmp/rid)"
COPY src/ src/
COPY config/ config/
RUN dotnet publish src/ResearchBot -c Release --no-restore -r "$(cat /tmp/rid)" --self-contained false -o /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV Storage__DatabasePath=/data/researchbot.db \
    Hosting__HeartbeatFile=/data/heartbeat \
    DOTNET_ENVIRONMENT=Production
VOLUME /data
USER app
# Healthy means: with the status listener on (-e Hosting__HttpUrl=http://+:9090, then publish that port), GET /readyz
# answers 200 (index loaded, every configured platform connected); otherwise the bot touched /data/heartbeat (every
# 30 s) within the last 2 minutes. healthcheck.sh needs only bash: the image has neither curl nor wget.
HEALTHCHECK --interval=60s --timeout=5s --start-period=60s \
  CMD ["bash", "/app/healthcheck.sh"]
ENTRYPOINT ["dotnet", "researchbot.dll"]
CMD ["run"]
