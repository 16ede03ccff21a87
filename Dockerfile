# Build context: the repository root (see docker-compose.yml).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props global.json .editorconfig ./
COPY src/Nejat.Cms.Api/Nejat.Cms.Api.csproj src/Nejat.Cms.Api/
RUN dotnet restore src/Nejat.Cms.Api/Nejat.Cms.Api.csproj
COPY src/ src/
RUN dotnet publish src/Nejat.Cms.Api/Nejat.Cms.Api.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# curl serves the container health check.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "Nejat.Cms.Api.dll"]
