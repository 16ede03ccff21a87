#!/usr/bin/env bash
# Nejat CMS read-path load test: generate a dataset, import it, serve it, hammer each public read
# endpoint with wrk, print a table. Repeatable; run from anywhere. See README.md beside this file.
#
#   tests/Nejat.Cms.Bench/run.sh                          # 100 000 posts, 20 s x 32 connections
#   POSTS=5000 DURATION=5s tests/Nejat.Cms.Bench/run.sh   # quick smoke run
#
# Environment (all optional):
#   BENCH_DIR      work dir: dataset, build output, data, logs, results  (default ${TMPDIR:-/tmp}/nejat-cms-bench)
#   POSTS, SEED    dataset size and seed                                 (100000, 42)
#   DATASET        JSON Lines file to import; generated there when absent
#                                                   (default $BENCH_DIR/dataset-$POSTS-seed$SEED.jsonl)
#   DURATION       wrk duration per endpoint                             (20s)
#   CONNECTIONS    wrk connections                                       (32)
#   THREADS        wrk threads                                           (2)
#   WARMUP         unmeasured wrk run per endpoint before measuring; 0 = none (3s)
#   PORT           API port on 127.0.0.1                                 (5080)
#   REUSE_DATA     1 = keep $BENCH_DIR/data when it holds this dataset already and skip the import (0)
#   BENCH_LAUNCH   dll = build once and run the built dll (default); run = `dotnet run -c Release --project …`
#   READY_TIMEOUT  seconds to wait for /health/ready                     (180)
#   IMPORT_TIMEOUT seconds the import may take                           (3600)
#   FA_POST_SLUG, FA_TAG_SLUG, AUTHOR_SLUG   use these slugs instead of asking the API for some
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
PROJECT_DIR=$REPO_ROOT/src/Nejat.Cms.Api
PROJECT_FILE=$PROJECT_DIR/Nejat.Cms.Api.csproj

BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/nejat-cms-bench}
POSTS=${POSTS:-100000}
SEED=${SEED:-42}
DATASET=${DATASET:-$BENCH_DIR/dataset-$POSTS-seed$SEED.jsonl}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-3s}
PORT=${PORT:-5080}
REUSE_DATA=${REUSE_DATA:-0}
BENCH_LAUNCH=${BENCH_LAUNCH:-dll}
READY_TIMEOUT=${READY_TIMEOUT:-180}
IMPORT_TIMEOUT=${IMPORT_TIMEOUT:-3600}

BASE=http://127.0.0.1:$PORT
DATA_DIR=$BENCH_DIR/data
CLUSTER_DIR=$DATA_DIR/postgres
API_PID=
CLUSTER_WAS_RUNNING=0

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------------------------------------
# Processes: the API is the only long-lived process this script starts; it starts and stops its
# own embedded PostgreSQL. If that cluster is somehow still up after the API has gone (the API
# was killed), and it was not running before this script began, it is stopped here too.
# ---------------------------------------------------------------------------------------------

cluster_pid() {
    # Prints the postmaster's pid when a server is running on $CLUSTER_DIR.
    local pid
    [[ -f $CLUSTER_DIR/postmaster.pid ]] || return 1
    pid=$(head -n 1 "$CLUSTER_DIR/postmaster.pid" 2>/dev/null) || return 1
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

pg_tool() {
    # Runs a PostgreSQL server tool (pg_ctl …) the way the API does: as 'postgres' when root.
    local tool=$1 dir exe=
    shift
    if command -v "$tool" >/dev/null 2>&1; then
        exe=$(command -v "$tool")
    else
        for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5 -n -r); do
            [[ -x $dir/$tool ]] && { exe=$dir/$tool; break; }
        done
    fi
    [[ -n $exe ]] || { log "no $tool found"; return 1; }
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$exe" "$@")
    else
        "$exe" "$@"
    fi
}

stop_api() {
    [[ -n $API_PID ]] || return 0
    if kill -0 "$API_PID" 2>/dev/null; then
        log "stopping the API (pid $API_PID)"
        kill -TERM "$API_PID" 2>/dev/null || true
        local i
        for ((i = 0; i < 120; i++)); do
            kill -0 "$API_PID" 2>/dev/null || break
            sleep 0.25
        done
        if kill -0 "$API_PID" 2>/dev/null; then
            log "the API did not stop within 30 s; sending SIGKILL to pid $API_PID"
            kill -KILL "$API_PID" 2>/dev/null || true
        fi
    fi
    wait "$API_PID" 2>/dev/null || true
    API_PID=
}

stop_leftover_cluster() {
    [[ $CLUSTER_WAS_RUNNING == 1 ]] && return 0
    local i pid
    for ((i = 0; i < 40; i++)); do
        pid=$(cluster_pid) || return 0
        sleep 0.25
    done
    log "the embedded PostgreSQL (pid $pid) outlived the API; stopping it"
    pg_tool pg_ctl stop -D "$CLUSTER_DIR" -m fast -w -t 60 >&2 || log "pg_ctl stop failed; stop it by hand"
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_api
    stop_leftover_cluster
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# (a) tools
# ---------------------------------------------------------------------------------------------

apt_install() {
    local sudo=
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    # apt-get update only when the package lists do not know the package yet.
    if ! apt-cache show "$@" >/dev/null 2>&1; then
        $sudo apt-get update -qq
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2
}

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v curl >/dev/null 2>&1 || missing+=(curl)
[[ -x /usr/bin/time ]] || missing+=(time)
if ((${#missing[@]})); then
    log "installing ${missing[*]} with apt-get"
    apt_install "${missing[@]}"
fi
command -v python3 >/dev/null 2>&1 || die "python3 is needed (apt-get install python3)"
command -v dotnet >/dev/null 2>&1 || die "dotnet is needed"
[[ -f $PROJECT_FILE ]] || die "no API project at $PROJECT_FILE"

# ---------------------------------------------------------------------------------------------
# (b) dataset
# ---------------------------------------------------------------------------------------------

mkdir -p "$BENCH_DIR"
BENCH_DIR=$(cd "$BENCH_DIR" && pwd)
DATA_DIR=$BENCH_DIR/data
CLUSTER_DIR=$DATA_DIR/postgres
if [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1; then
    # As root the API runs PostgreSQL as 'postgres', which must be able to reach $DATA_DIR.
    chmod 755 "$BENCH_DIR"
    runuser -u postgres -- test -x "$BENCH_DIR" ||
        die "user postgres cannot enter $BENCH_DIR (a parent directory is private); choose another BENCH_DIR"
fi
DATASET=$(realpath -m "$DATASET")
if [[ -s $DATASET ]]; then
    log "dataset: $DATASET (exists, $(du -h "$DATASET" | cut -f1))"
else
    log "generating $POSTS posts (seed $SEED) into $DATASET"
    python3 "$SCRIPT_DIR/generate-dataset.py" --posts "$POSTS" --seed "$SEED" --out "$DATASET"
fi

# ---------------------------------------------------------------------------------------------
# (c) build, then import with timing and peak RSS
# ---------------------------------------------------------------------------------------------

export Cms__DataDir=$DATA_DIR
if [[ -n ${ConnectionStrings__Cms:-} ]]; then
    log "ignoring ConnectionStrings__Cms: the benchmark uses its own embedded PostgreSQL in $DATA_DIR"
    unset ConnectionStrings__Cms
fi

build_log=$BENCH_DIR/build.log
if [[ $BENCH_LAUNCH == run ]]; then
    log "building (Release) for dotnet run; log: $build_log"
    dotnet build "$PROJECT_FILE" -c Release -nologo >"$build_log" 2>&1 ||
        { tail -n 40 "$build_log" >&2; die "build failed"; }
    APP=(dotnet run --no-build -c Release --no-launch-profile --project "$PROJECT_DIR" --)
elif [[ $BENCH_LAUNCH == dll ]]; then
    # A separate artifacts path keeps this build out of the project's own bin/ and obj/.
    artifacts=$BENCH_DIR/artifacts
    log "building (Release) into $artifacts; log: $build_log"
    dotnet build "$PROJECT_FILE" -c Release -nologo --artifacts-path "$artifacts" >"$build_log" 2>&1 ||
        { tail -n 40 "$build_log" >&2; die "build failed"; }
    app_dll=$(find "$artifacts/bin/Nejat.Cms.Api" -name Nejat.Cms.Api.dll -path '*release*' 2>/dev/null | head -n 1)
    [[ -n $app_dll ]] || die "no Nejat.Cms.Api.dll under $artifacts/bin after the build"
    APP=(dotnet "$app_dll")
else
    die "BENCH_LAUNCH must be dll or run, not '$BENCH_LAUNCH'"
fi

dataset_id="$DATASET $(stat -c '%s %Y' "$DATASET")"
marker=$DATA_DIR/.bench-dataset
if pid=$(cluster_pid); then
    if [[ $REUSE_DATA == 1 ]]; then
        CLUSTER_WAS_RUNNING=1
        log "PostgreSQL is already running on $CLUSTER_DIR (pid $pid); the API will join it and leave it running"
    else
        die "a PostgreSQL (pid $pid) is running on $CLUSTER_DIR; stop it first (as root:" \
            "runuser -u postgres -- pg_ctl stop -D $CLUSTER_DIR) or set REUSE_DATA=1"
    fi
fi

import_secs=skipped
import_rss=skipped
if [[ $REUSE_DATA == 1 && -f $marker && $(cat "$marker") == "$dataset_id" ]]; then
    log "REUSE_DATA=1: $DATA_DIR already holds this dataset; skipping the import"
else
    [[ $CLUSTER_WAS_RUNNING == 1 ]] && die "REUSE_DATA=1 but $DATA_DIR does not hold this dataset; stop its PostgreSQL first"
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    chmod 755 "$DATA_DIR"
    time_file=$BENCH_DIR/import.time
    log "importing: ${APP[*]} import $DATASET   (Cms__DataDir=$DATA_DIR; log: $BENCH_DIR/import.log)"
    t0=$(date +%s.%N)
    if ! (cd "$PROJECT_DIR" &&
        exec /usr/bin/time -v -o "$time_file" timeout --foreground -k 30 "$IMPORT_TIMEOUT" "${APP[@]}" import "$DATASET") \
        2>&1 | tee "$BENCH_DIR/import.log" >&2; then
        die "the import failed; see $BENCH_DIR/import.log and $time_file"
    fi
    t1=$(date +%s.%N)
    import_secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$time_file")
    import_rss=$(awk -v k="${rss_kb:-0}" 'BEGIN { printf "%.0f MiB", k / 1024 }')
    echo "$dataset_id" >"$marker"
    log "import took ${import_secs}s, peak RSS $import_rss (of the importing process; PostgreSQL not included)"
fi

# ---------------------------------------------------------------------------------------------
# (d) serve, wait until ready
# ---------------------------------------------------------------------------------------------

if (: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "something already listens on 127.0.0.1:$PORT; set PORT"
fi
api_log=$BENCH_DIR/api.log
log "starting the API: ${APP[*]} --urls $BASE   (log: $api_log)"
(cd "$PROJECT_DIR" && exec "${APP[@]}" --urls "$BASE") >"$api_log" 2>&1 </dev/null &
API_PID=$!

deadline=$((SECONDS + READY_TIMEOUT))
until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/health/ready" || true) == 200 ]]; do
    if ! kill -0 "$API_PID" 2>/dev/null; then
        tail -n 40 "$api_log" >&2
        die "the API exited before it was ready (log: $api_log)"
    fi
    ((SECONDS < deadline)) || { tail -n 40 "$api_log" >&2; die "not ready after ${READY_TIMEOUT}s"; }
    sleep 0.5
done
log "ready: $BASE/health/ready answered 200"

# ---------------------------------------------------------------------------------------------
# (e) real slugs, then wrk against each read endpoint
# ---------------------------------------------------------------------------------------------

slugs=$(python3 - "$BASE" "${FA_POST_SLUG:-}" "${FA_TAG_SLUG:-}" "${AUTHOR_SLUG:-}" <<'PY'
import json, sys, urllib.parse, urllib.request

base, fa_post, fa_tag, author = sys.argv[1:5]

def get(path):
    try:
        with urllib.request.urlopen(base + path, timeout=30) as r:
            return json.load(r)
    except Exception as e:  # noqa: BLE001 - report which request failed
        sys.exit(f"GET {path} failed: {e}")

def items(path):
    body = get(path)
    found = body.get("items") if isinstance(body, dict) else None
    if not found:
        sys.exit(f"GET {path} returned no items")
    return found

if not fa_post:
    first = get("/v1/fa/posts?perPage=1")
    total = (first.get("page") or {}).get("totalItems") or 1
    # A post from the middle of the edition, so it has both newer and older neighbours.
    fa_post = items(f"/v1/fa/posts?perPage=1&page={max(1, total // 2)}")[0]["slug"]
if not fa_tag:
    tags = items("/v1/fa/tags?perPage=100")
    # The busiest tag when the list says how busy tags are; else the first.
    fa_tag = max(tags, key=lambda t: t.get("postCount") or 0)["slug"]
if not author:
    post = items("/v1/en/posts?perPage=1")[0]
    author = (post.get("author") or {}).get("slug") or items("/v1/authors?perPage=1")[0]["slug"]

q = lambda s: urllib.parse.quote(s, safe="")
print(f"FA_POST_RAW={q(fa_post)}")
print(f"FA_TAG_RAW={q(fa_tag)}")
print(f"AUTHOR_RAW={q(author)}")
PY
) || die "could not read slugs from the API (see above)"
FA_POST='' FA_TAG='' AUTHOR=''
while IFS='=' read -r key value; do
    [[ $value =~ ^[A-Za-z0-9%._~-]+$ ]] || die "unexpected slug value for $key: $value"
    case $key in
        FA_POST_RAW) FA_POST=$value ;;
        FA_TAG_RAW) FA_TAG=$value ;;
        AUTHOR_RAW) AUTHOR=$value ;;
    esac
done <<<"$slugs"
[[ -n $FA_POST && -n $FA_TAG && -n $AUTHOR ]] || die "could not read slugs from the API"
decode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$1"; }
log "slugs: fa post '$(decode "$FA_POST")', fa tag '$(decode "$FA_TAG")', author '$(decode "$AUTHOR")'"

# label | path template shown in the table | request path
ENDPOINTS=(
    "/v1/editions|/v1/editions"
    "/v1/en/posts|/v1/en/posts"
    "/v1/fa/posts?page=200|/v1/fa/posts?page=200"
    "/v1/fa/posts?tag={fa-tag}|/v1/fa/posts?tag=$FA_TAG"
    "/v1/en/posts?author={author}|/v1/en/posts?author=$AUTHOR"
    "/v1/fa/posts/{fa-post}|/v1/fa/posts/$FA_POST"
    "/v1/ar/tags|/v1/ar/tags"
    "/v1/fa/tags/{fa-tag}|/v1/fa/tags/$FA_TAG"
    "/v1/authors|/v1/authors"
    "/v1/authors/{author}|/v1/authors/$AUTHOR"
)

results=$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"

# wrk latencies come as 812.00us, 1.23ms, 1.02s or 1.50m; the table shows milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v == "") { print "-"; exit }
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

rows=()
i=0
for entry in "${ENDPOINTS[@]}"; do
    i=$((i + 1))
    label=${entry%%|*}
    path=${entry#*|}
    url=$BASE$path
    probe=$(curl -s -o "$results/$i.probe.json" -w '%{http_code}' --max-time 30 "$url" || echo 000)
    [[ $probe == 2* ]] || log "warning: GET $label answered $probe before the load (body in $results/$i.probe.json)"
    if [[ $WARMUP != 0 && $WARMUP != 0s ]]; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
    fi
    log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $label"
    out=$results/$i.wrk.txt
    { echo "# $label"; echo "# $url"; } >"$out"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency --timeout 10s "$url" >>"$out"
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    p50=$(awk '/Latency Distribution/ { d = 1 } d && $1 == "50%" { print $2; exit }' "$out")
    p99=$(awk '/Latency Distribution/ { d = 1 } d && $1 == "99%" { print $2; exit }' "$out")
    total=$(awk '/requests in/ { print $1; exit }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
    rows+=("| $label | $probe | ${rps:-?} | $(to_ms "$p50") | $(to_ms "$p99") | ${total:-?} | ${non2xx:-0} | ${sockerr:-0} |")
done

# ---------------------------------------------------------------------------------------------
# (f) table
# ---------------------------------------------------------------------------------------------

# Per-request log lines cost throughput; say so next to the figures when the API wrote them.
logged=$(grep -c 'Request finished' "$api_log" || true)
summary=$results/summary.md
{
    echo "## Nejat CMS read benchmark, $(date -u +'%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- commit: $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo none)$(git -C "$REPO_ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (src has uncommitted changes)')"
    echo "- dataset: $(basename "$DATASET") ($(du -h "$DATASET" | cut -f1)); import ${import_secs}s, peak RSS ${import_rss}"
    echo "- wrk: -t$THREADS -c$CONNECTIONS -d$DURATION (after a ${WARMUP} warm-up), on the same machine as the API and PostgreSQL"
    echo "- slugs: fa-post \`$(decode "$FA_POST")\`, fa-tag \`$(decode "$FA_TAG")\`, author \`$(decode "$AUTHOR")\`"
    echo
    echo "| endpoint | probe | requests/s | p50 ms | p99 ms | requests | non-2xx | socket errors |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "probe: status of one GET before the load. non-2xx: wrk's count of responses with status 400 or above."
    if ((${logged:-0} > 0)); then
        echo
        echo "Note: the API logged each request ($logged 'Request finished' lines, $(du -h "$api_log" | cut -f1) of $api_log);"
        echo "these figures include that logging."
    fi
} >"$summary"

echo
cat "$summary"
echo
log "raw wrk output and the summary: $results"

# ---------------------------------------------------------------------------------------------
# (g) stop the API (and with it its embedded PostgreSQL); the EXIT trap does the same on errors
# ---------------------------------------------------------------------------------------------

stop_api
stop_leftover_cluster
log "done; data kept in $DATA_DIR (REUSE_DATA=1 reuses it, explain.sh can query it)"
