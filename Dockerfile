# The API image. Build context: the repository root (compose.yaml builds it).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props global.json .editorconfig ./
COPY src/Nejat.Cms.Api/Nejat.Cms.Api.csproj src/Nejat.Cms.Api/
RUN dotnet restore src/Nejat.Cms.Api/Nejat.Cms.Api.csproj
COPY src/ src/
RUN dotnet publish src/Nejat.Cms.Api/Nejat.Cms.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl serves the container health check; the base image's own security updates come with it.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# The program stays root-owned and read-only to the service; what it writes (media; the embedded
# cluster when no database is named) lives in /var/lib/nejat-cms, owned by the image's non-root
# user "app" ($APP_UID, 1654). A named volume mounted there starts with this ownership.
RUN mkdir -p /var/lib/nejat-cms && chown "$APP_UID:$APP_UID" /var/lib/nejat-cms
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    Cms__DataDir=/var/lib/nejat-cms
VOLUME /var/lib/nejat-cms
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=5 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Nejat.Cms.Api.dll"]
