#!/usr/bin/env bash
# The service's memory while a 200 MB video is uploaded: resident set size (VmRSS) before, the peak
# sampled every 20 ms during the upload, and after. Runs the built service on its own data directory
# and embedded PostgreSQL, on port 5099; removes everything at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
chmod o+x "$work" # when run as root, the embedded PostgreSQL runs as postgres and must reach its data directory
key="upload-memory-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# An MP4 header (ftyp isom) followed by 200 MiB of random bytes.
{ printf '\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2'; head -c 209715200 /dev/urandom; } > "$work/video.mp4"
dotnet build -c Release -v q -o "$work/bin" src/Nejat.Cms.Api >/dev/null

Cms__DataDir="$work/data" Cms__BootstrapAdminKey="$key" ASPNETCORE_URLS=http://127.0.0.1:5099 \
  dotnet "$work/bin/Nejat.Cms.Api.dll" >"$work/service.log" 2>&1 &
pid=$!
until curl -sf http://127.0.0.1:5099/health/ready >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.5
done

rss() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
upload() { curl -s -o /dev/null -w "$1: HTTP %{http_code}, %{size_upload} bytes in %{time_total} s\n" \
  -H "Authorization: Bearer $key" -F "file=@$2;type=video/mp4" http://127.0.0.1:5099/v1/admin/media; }

# A small upload first, so the route, its code and the connection pool are warm.
head -c 100000 "$work/video.mp4" > "$work/small.mp4"
upload "warm-up 100 kB" "$work/small.mp4"
sleep 1
before=$(rss)
peak=$before
( while sleep 0.02; do rss; done ) > "$work/samples" &
sampler=$!
upload "200 MiB video" "$work/video.mp4"
kill "$sampler"
after=$(rss)
peak=$(sort -n "$work/samples" | tail -1)
echo "VmRSS before: $((before / 1024)) MiB, peak during upload: $((peak / 1024)) MiB (+$(((peak - before) / 1024)) MiB), after: $((after / 1024)) MiB"
