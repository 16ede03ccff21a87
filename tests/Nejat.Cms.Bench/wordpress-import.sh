#!/usr/bin/env bash
# The WordPress import's time and memory: generate-wxr.py writes a WordPress export (no attachments,
# so no media fetching), import-wordpress imports it into a fresh embedded PostgreSQL, then again
# (a re-run that finds nothing changed). Each run's own figure ("Imported in", from reading the files
# to the end, without the cluster's start and the migrations), its wall time and the importing
# process's peak RSS (/usr/bin/time -v; PostgreSQL not included) are printed.
#
#   tests/Nejat.Cms.Bench/wordpress-import.sh                         # 20,000 posts, about 70 MB
#   SCALE=15 tests/Nejat.Cms.Bench/wordpress-import.sh                # 20,000 posts, about 520 MB
#   DRY_RUN=1 SCALE=15 tests/Nejat.Cms.Bench/wordpress-import.sh      # read and convert only, one run
#
# Settings (environment):
#   POSTS      posts in the export                                   (20000)
#   SCALE      generate-wxr.py --paragraph-scale (bytes per post)     (1)
#   BENCH_DIR  where the export, the build, the data and the logs go  (/tmp/nejat-wp-bench)
#   DRY_RUN    1 = one --dry-run instead of two imports               (0)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/../.." && pwd)
POSTS=${POSTS:-20000}
SCALE=${SCALE:-1}
BENCH_DIR=${BENCH_DIR:-/tmp/nejat-wp-bench}
DRY_RUN=${DRY_RUN:-0}
DATA_DIR=$BENCH_DIR/data
WXR=$BENCH_DIR/wxr-$POSTS-x$SCALE.xml

log() { printf '[wp-bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

mkdir -p "$BENCH_DIR"
chmod o+x "$BENCH_DIR" # the embedded PostgreSQL runs as postgres when we are root
if [[ ! -f $WXR ]]; then
    log "generating $WXR"
    python3 "$SCRIPT_DIR/generate-wxr.py" --posts "$POSTS" --paragraph-scale "$SCALE" --out "$WXR"
fi

log "building (Release) into $BENCH_DIR/artifacts"
dotnet build "$REPO_DIR/src/Nejat.Cms.Api/Nejat.Cms.Api.csproj" -c Release -nologo --artifacts-path "$BENCH_DIR/artifacts" >"$BENCH_DIR/build.log" 2>&1 ||
    { tail -n 40 "$BENCH_DIR/build.log" >&2; exit 1; }
app_dll=$(find "$BENCH_DIR/artifacts/bin/Nejat.Cms.Api" -name Nejat.Cms.Api.dll -path '*release*' | head -n 1)

rm -rf "$DATA_DIR"
mkdir -p "$DATA_DIR"
chmod 755 "$DATA_DIR"
unset ConnectionStrings__Cms

run() {
    local name=$1
    shift
    log "$name: dotnet $app_dll import-wordpress $* (log: $BENCH_DIR/$name.log)"
    local t0 t1
    t0=$(date +%s.%N)
    # Exit code 1 only says something was skipped (the generator writes no such item); the report tells.
    Cms__DataDir=$DATA_DIR /usr/bin/time -v -o "$BENCH_DIR/$name.time" dotnet "$app_dll" import-wordpress "$@" >"$BENCH_DIR/$name.log" 2>&1 || true
    t1=$(date +%s.%N)
    grep -E '^(Imported|Dry run) in|^  [a-z]' "$BENCH_DIR/$name.log" | grep -v ' of .*left)' >&2 || true
    awk -v a="$t0" -v b="$t1" -v rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$BENCH_DIR/$name.time")" -v loadavg="$(cut -d' ' -f1-3 /proc/loadavg)" -v n="$name" \
        'BEGIN { printf "%s: wall %.1f s (cluster start and migrations included), peak RSS %.0f MiB, load average %s\n", n, b - a, rss / 1024, loadavg }'
}

log "export: $WXR ($(du -h "$WXR" | cut -f1))"
if [[ $DRY_RUN == 1 ]]; then
    run dry-run --dry-run --allow-skips --edition fa "$WXR"
else
    run first --edition fa "$WXR"
    run again --edition fa "$WXR"
fi

# Stop the cluster the imports left running (it is stopped with the last process using it; this is belt and braces).
pg_pid=$(head -n 1 "$DATA_DIR/postgres/postmaster.pid" 2>/dev/null || true)
[[ -n $pg_pid ]] && kill "$pg_pid" 2>/dev/null || true
