#!/usr/bin/env bash
# Nejat CMS read-path load test: generate a dataset, import it, serve it, hammer each public read
# endpoint with wrk — cold (output cache off) and warm, with and without If-None-Match, at each
# connection count — measure the HTTP ceiling (Kestrel answering from memory) and the database
# ceiling (pgbench on the list endpoint's SQL) in the same run, soak the list endpoint, print tables.
# Repeatable; run from anywhere. See README.md beside this file.
#
#   tests/Nejat.Cms.Bench/run.sh                                    # 100 000 posts, the full matrix
#   POSTS=5000 DURATION=3s CONNECTIONS=32 SOAK=0 tests/Nejat.Cms.Bench/run.sh   # quick smoke run
#
# Environment (all optional):
#   BENCH_DIR      work dir: dataset, build output, data, logs, results  (default ${TMPDIR:-/tmp}/nejat-cms-bench)
#   POSTS, SEED    dataset size and seed                                 (100000, 42)
#   DATASET        JSON Lines file to import; generated there when absent
#                                                   (default $BENCH_DIR/dataset-$POSTS-seed$SEED.jsonl)
#   DURATION       wrk duration per measurement                          (8s)
#   CONNECTIONS    wrk connection counts, space-separated                (32 128)
#   CACHE_MODES    cold = Cms__OutputCache=false, warm = true            (cold warm)
#   CONDITIONAL    no = plain GETs, yes = with If-None-Match: <its ETag>  (no yes)
#   SOAK           duration of the warm list soak at the largest connection count; 0 = none (60s)
#   THREADS        wrk threads                                           (2)
#   WARMUP         unmeasured wrk run per measurement before it; 0 = none (2s)
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
DURATION=${DURATION:-8s}
CONNECTIONS=${CONNECTIONS:-32 128}
CACHE_MODES=${CACHE_MODES:-cold warm}
CONDITIONAL=${CONDITIONAL:-no yes}
SOAK=${SOAK:-60s}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-2s}
PORT=${PORT:-5080}
REUSE_DATA=${REUSE_DATA:-0}
BENCH_LAUNCH=${BENCH_LAUNCH:-dll}
READY_TIMEOUT=${READY_TIMEOUT:-180}
IMPORT_TIMEOUT=${IMPORT_TIMEOUT:-3600}

BASE=http://127.0.0.1:$PORT
DATA_DIR=$BENCH_DIR/data
CLUSTER_DIR=$DATA_DIR/postgres
CEILING_PID=
CLUSTER_WAS_RUNNING=0
api_log=$BENCH_DIR/api.log
# shellcheck source=api.sh
. "$SCRIPT_DIR/api.sh"


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

pg_exe() {
    # Prints the path of a PostgreSQL tool: on PATH, else the newest /usr/lib/postgresql/*/bin.
    local tool=$1 dir
    if command -v "$tool" >/dev/null 2>&1; then
        command -v "$tool"
        return 0
    fi
    for dir in $(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5 -n -r); do
        [[ -x $dir/$tool ]] && { echo "$dir/$tool"; return 0; }
    done
    log "no $tool found"
    return 1
}

pg_tool() {
    # Runs a PostgreSQL server tool (pg_ctl …) the way the API does: as 'postgres' when root.
    local exe
    exe=$(pg_exe "$1") || return 1
    shift
    if [[ $(id -u) -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$exe" "$@")
    else
        "$exe" "$@"
    fi
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

stop_ceiling() {
    [[ -n $CEILING_PID ]] || return 0
    kill -TERM "$CEILING_PID" 2>/dev/null || true
    wait "$CEILING_PID" 2>/dev/null || true
    CEILING_PID=
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_ceiling
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

build_app

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
mkdir -p "$BENCH_DIR"
: >"$api_log"


# The API process's resident set now and at its peak (VmHWM), in MiB.
rss_mib() { awk -v k="$1" '$1 == k":" { printf "%.0f", $2 / 1024 }' "/proc/$API_PID/status"; }

# ---------------------------------------------------------------------------------------------
# (e) real slugs and a deep cursor
# ---------------------------------------------------------------------------------------------

first_mode=${CACHE_MODES%% *}
start_api "$([[ $first_mode == warm ]] && echo true || echo false)"

slugs=$(python3 - "$BASE" "${FA_POST_SLUG:-}" "${FA_TAG_SLUG:-}" "${AUTHOR_SLUG:-}" <<'PY'
import base64, datetime, json, sys, urllib.parse, urllib.request

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

first = get("/v1/fa/posts?perPage=1&page=1")
total = (first.get("page") or {}).get("totalItems") or 1
if not fa_post:
    # A post from the middle of the edition, so it has both newer and older neighbours.
    fa_post = items(f"/v1/fa/posts?perPage=1&page={max(1, total // 2)}")[0]["slug"]
if not fa_tag:
    tags = items("/v1/fa/tags?perPage=100")
    # The busiest tag when the list says how busy tags are; else the first.
    fa_tag = max(tags, key=lambda t: t.get("postCount") or 0)["slug"]
if not author:
    post = items("/v1/en/posts?perPage=1")[0]
    author = (post.get("author") or {}).get("slug") or items("/v1/authors?perPage=1")[0]["slug"]

# The cursor a client holds after walking to page 2000 (or the deepest page there is): the service's
# token format, 'o' + .NET ticks of publishedAt + id, big-endian, base64url.
deep_page = min(1999, max(1, total // 10 - 1))
edge = items(f"/v1/fa/posts?perPage=10&page={deep_page}")[-1]
at = datetime.datetime.fromisoformat(edge["publishedAt"].replace("Z", "+00:00"))
ticks = (at - datetime.datetime(1, 1, 1, tzinfo=datetime.timezone.utc)) // datetime.timedelta(microseconds=1) * 10
cursor = base64.urlsafe_b64encode(b"o" + ticks.to_bytes(8, "big") + int(edge["id"]).to_bytes(8, "big")).decode().rstrip("=")

q = lambda s: urllib.parse.quote(s, safe="")
print(f"FA_POST_RAW={q(fa_post)}")
print(f"FA_TAG_RAW={q(fa_tag)}")
print(f"AUTHOR_RAW={q(author)}")
print(f"DEEP_PAGE={deep_page + 1}")
print(f"DEEP_CURSOR={cursor}")
PY
) || die "could not read slugs from the API (see above)"
FA_POST='' FA_TAG='' AUTHOR='' DEEP_PAGE='' DEEP_CURSOR=''
while IFS='=' read -r key value; do
    [[ $value =~ ^[A-Za-z0-9%._~-]+$ ]] || die "unexpected slug value for $key: $value"
    case $key in
        FA_POST_RAW) FA_POST=$value ;;
        FA_TAG_RAW) FA_TAG=$value ;;
        AUTHOR_RAW) AUTHOR=$value ;;
        DEEP_PAGE) DEEP_PAGE=$value ;;
        DEEP_CURSOR) DEEP_CURSOR=$value ;;
    esac
done <<<"$slugs"
[[ -n $FA_POST && -n $FA_TAG && -n $AUTHOR && -n $DEEP_CURSOR ]] || die "could not read slugs from the API"
decode() { python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$1"; }
log "slugs: fa post '$(decode "$FA_POST")', fa tag '$(decode "$FA_TAG")', author '$(decode "$AUTHOR")'; deep page $DEEP_PAGE"

# label | request path
ENDPOINTS=(
    "/v1/editions|/v1/editions"
    "/v1/en/posts|/v1/en/posts"
    "/v1/fa/posts?page=1|/v1/fa/posts?page=1"
    "/v1/fa/posts?page=$DEEP_PAGE|/v1/fa/posts?page=$DEEP_PAGE"
    "/v1/fa/posts?cursor={page $DEEP_PAGE}|/v1/fa/posts?cursor=$DEEP_CURSOR"
    "/v1/fa/posts?tag={fa-tag}|/v1/fa/posts?tag=$FA_TAG"
    "/v1/en/posts?author={author}|/v1/en/posts?author=$AUTHOR"
    "/v1/fa/posts/{fa-post}|/v1/fa/posts/$FA_POST"
    "/v1/ar/tags|/v1/ar/tags"
    "/v1/fa/tags/{fa-tag}|/v1/fa/tags/$FA_TAG"
    "/v1/authors|/v1/authors"
    "/v1/fa/changes|/v1/fa/changes"
)

results=$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"


# measure NAME URL CONNECTIONS [HEADER]: warm-up, then wrk; prints "rps|p50 ms|p99 ms|non-2xx|socket errors".
# It runs in a command substitution (a subshell), so the output file is named from its arguments.
measure() {
    local name=$1 url=$2 connections=$3 header=${4:-} out
    local args=(-t"$THREADS" -c"$connections" --timeout 10s)
    [[ -n $header ]] && args+=(-H "$header")
    out=$results/$(printf '%s' "$name c$connections${header:+ conditional} ${mode:-}" | tr -c 'A-Za-z0-9._-' '_').wrk.txt
    if [[ $WARMUP != 0 && $WARMUP != 0s ]]; then
        wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
    fi
    log "wrk -c$connections -d$DURATION $name${header:+ ($header)}"
    { echo "# $name"; echo "# $url"; echo "# $header"; } >"$out"
    wrk "${args[@]}" -d"$DURATION" --latency "$url" >>"$out"
    wrk_figures "$out"
}

# ---------------------------------------------------------------------------------------------
# (f) every endpoint: cold and warm, plain and conditional, at each connection count
# ---------------------------------------------------------------------------------------------

rows=()
rss_rows=()
declare -A RPS
for mode in $CACHE_MODES; do
    cache=$([[ $mode == warm ]] && echo true || echo false)
    if [[ $mode != "$first_mode" ]]; then
        stop_api
        start_api "$cache"
    fi
    rss_start=$(rss_mib VmRSS)
    for entry in "${ENDPOINTS[@]}"; do
        label=${entry%%|*}
        url=$BASE${entry#*|}
        headers=$results/probe.headers
        probe=$(curl -s -D "$headers" -o /dev/null -w '%{http_code}' --max-time 30 "$url" || echo 000)
        [[ $probe == 2* ]] || log "warning: GET $label answered $probe before the load"
        etag=$(awk 'tolower($1) == "etag:" { sub(/\r$/, ""); sub(/^[^:]*: */, ""); print }' "$headers")
        for connections in $CONNECTIONS; do
            for conditional in $CONDITIONAL; do
                header=
                if [[ $conditional == yes ]]; then
                    [[ -n $etag ]] || { log "no ETag on $label; skipping its conditional run"; continue; }
                    header="If-None-Match: $etag"
                fi
                IFS='|' read -r rps p50 p99 non2xx sockerr <<<"$(measure "$label" "$url" "$connections" "$header")"
                RPS[$mode|$label|$connections|$conditional]=$rps
                rows+=("| $label | $mode | $connections | $conditional | $rps | $p50 | $p99 | $non2xx | $sockerr |")
            done
        done
    done
    rss_rows+=("| $mode | $rss_start | $(rss_mib VmRSS) | $(rss_mib VmHWM) |")
done

# ---------------------------------------------------------------------------------------------
# (g) soak: the warm list endpoint at the largest connection count, memory sampled every 5 s
# ---------------------------------------------------------------------------------------------

soak_line="(not run: SOAK=0)"
if [[ $SOAK != 0 && $SOAK != 0s ]]; then
    max_connections=$(tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -n 1)
    if [[ ${CACHE_MODES##* } != warm ]]; then
        stop_api
        start_api true
    fi
    soak_out=$results/soak.wrk.txt
    log "soak: wrk -c$max_connections -d$SOAK /v1/en/posts, RSS every 5 s"
    wrk -t"$THREADS" -c"$max_connections" -d"$SOAK" --latency --timeout 10s "$BASE/v1/en/posts" >"$soak_out" &
    wrk_pid=$!
    samples=()
    while kill -0 "$wrk_pid" 2>/dev/null; do
        samples+=("$(rss_mib VmRSS)")
        sleep 5
    done
    wait "$wrk_pid"
    soak_errors=$(awk '/Non-2xx or 3xx responses:/ { n += $NF } /Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' "$soak_out")
    soak_rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$soak_out")
    soak_line="$SOAK at $max_connections connections: $soak_rps requests/s, $soak_errors errors; RSS every 5 s (MiB): ${samples[*]}"
fi

# ---------------------------------------------------------------------------------------------
# (h) ceilings, on the same machine in the same run
# ---------------------------------------------------------------------------------------------

list_body=$results/list-body.json
curl -s --max-time 30 -o "$list_body" "$BASE/v1/en/posts"

# Database: pgbench runs the list endpoint's own two statements (one pipelined round trip, as the
# service sends them) against the cluster the API is using, while the API is idle.
port=$(sed -n 4p "$CLUSTER_DIR/postmaster.pid")
ceiling_rows=()
declare -A CEILING
for connections in $CONNECTIONS; do
    # The cluster allows 100 connections and the API's pool holds up to 20 more: pgbench takes at most 64.
    clients=$((connections > 64 ? 64 : connections))
    pg_log=$results/pgbench-$clients
    log "pgbench -c$clients -T${DURATION%s} list-in-edition.pgbench.sql"
    (cd "$results" && PGPASSWORD=$(cat "$DATA_DIR/postgres.password") "$(pg_exe pgbench)" -h 127.0.0.1 -p "$port" -U cms -n \
        -M prepared -c "$clients" -j "$THREADS" -T "${DURATION%s}" -l --log-prefix="pgbench-$clients" \
        -f "$SCRIPT_DIR/list-in-edition.pgbench.sql" -D edition=en -D limit=11 -D offset=0 cms) >"$pg_log.txt" 2>&1 ||
        { cat "$pg_log.txt" >&2; die "pgbench failed"; }
    tps=$(awk '/^tps = / { printf "%.0f", $3; exit }' "$pg_log.txt")
    read -r p50 p99 < <(cat "$results"/pgbench-"$clients".* | awk '{ print $3 / 1000 }' | sort -n |
        awk '{ v[NR] = $1 } END { printf "%.2f %.2f\n", v[int(NR * 0.5)], v[int(NR * 0.99)] }')
    rm -f "$results"/pgbench-"$clients".[0-9]*
    CEILING[db|$connections]=$tps
    ceiling_rows+=("| database: pgbench, list SQL | $clients clients | $tps | $p50 | $p99 |")
done

stop_api

# HTTP: Kestrel answering with the list endpoint's bytes from memory, nothing else in the pipeline.
ceiling_dir=$BENCH_DIR/http-ceiling
dotnet build "$SCRIPT_DIR/http-ceiling.cs" -c Release -o "$ceiling_dir" >"$BENCH_DIR/http-ceiling.build.log" 2>&1 ||
    { tail -n 20 "$BENCH_DIR/http-ceiling.build.log" >&2; die "building http-ceiling.cs failed"; }
dotnet "$ceiling_dir/http-ceiling.dll" "$list_body" "$BASE" >"$BENCH_DIR/http-ceiling.log" 2>&1 &
CEILING_PID=$!
until curl -s -o /dev/null --max-time 2 "$BASE/"; do
    kill -0 "$CEILING_PID" 2>/dev/null || die "http-ceiling exited (log: $BENCH_DIR/http-ceiling.log)"
    sleep 0.3
done
for connections in $CONNECTIONS; do
    IFS='|' read -r rps p50 p99 non2xx sockerr <<<"$(measure "http ceiling" "$BASE/v1/en/posts" "$connections")"
    CEILING[http|$connections]=$rps
    ceiling_rows+=("| HTTP: Kestrel, same bytes from memory | $connections connections | $rps | $p50 | $p99 |")
done
stop_ceiling

# ---------------------------------------------------------------------------------------------
# (i) tables
# ---------------------------------------------------------------------------------------------

ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }
ratio_rows=()
for connections in $CONNECTIONS; do
    ratio_rows+=("| warm \`/v1/en/posts\` ÷ HTTP ceiling | $connections | $(ratio "${RPS[warm|/v1/en/posts|$connections|no]:-}" "${CEILING[http|$connections]:-}") |")
    ratio_rows+=("| warm \`/v1/en/posts\` with If-None-Match ÷ HTTP ceiling | $connections | $(ratio "${RPS[warm|/v1/en/posts|$connections|yes]:-}" "${CEILING[http|$connections]:-}") |")
    ratio_rows+=("| cold \`/v1/en/posts\` ÷ database ceiling | $connections | $(ratio "${RPS[cold|/v1/en/posts|$connections|no]:-}" "${CEILING[db|$connections]:-}") |")
    ratio_rows+=("| cold page $DEEP_PAGE ÷ cold page 1 | $connections | $(ratio "${RPS[cold|/v1/fa/posts?page=$DEEP_PAGE|$connections|no]:-}" "${RPS[cold|/v1/fa/posts?page=1|$connections|no]:-}") |")
    ratio_rows+=("| cold cursor at page $DEEP_PAGE ÷ cold page 1 | $connections | $(ratio "${RPS[cold|/v1/fa/posts?cursor={page $DEEP_PAGE}|$connections|no]:-}" "${RPS[cold|/v1/fa/posts?page=1|$connections|no]:-}") |")
done

summary=$results/summary.md
{
    echo "## Nejat CMS read benchmark, $(date -u +'%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "- commit: $(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo none)$(git -C "$REPO_ROOT" diff --quiet HEAD -- src 2>/dev/null || echo ' (src has uncommitted changes)')"
    echo "- dataset: $(basename "$DATASET") ($(du -h "$DATASET" | cut -f1)); import ${import_secs}s, peak RSS ${import_rss}"
    echo "- wrk: -t$THREADS, $DURATION per measurement after a ${WARMUP} warm-up, on the same machine as the API and PostgreSQL"
    echo "- slugs: fa-post \`$(decode "$FA_POST")\`, fa-tag \`$(decode "$FA_TAG")\`, author \`$(decode "$AUTHOR")\`"
    echo
    echo "| endpoint | cache | connections | If-None-Match | requests/s | p50 ms | p99 ms | non-2xx | socket errors |"
    echo "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
    echo
    echo "cold: Cms__OutputCache=false (every answer from PostgreSQL); warm: the output cache on. With"
    echo "If-None-Match the answers are 304s. non-2xx: wrk's count of statuses of 400 or above."
    echo
    echo "| ceiling | load | requests/s | p50 ms | p99 ms |"
    echo "| --- | --- | ---: | ---: | ---: |"
    printf '%s\n' "${ceiling_rows[@]}"
    echo
    echo "| ratio | connections | value |"
    echo "| --- | ---: | ---: |"
    printf '%s\n' "${ratio_rows[@]}"
    echo
    echo "| API process | RSS at start MiB | RSS at end MiB | peak RSS MiB |"
    echo "| --- | ---: | ---: | ---: |"
    printf '%s\n' "${rss_rows[@]}"
    echo
    echo "Soak: $soak_line"
} >"$summary"

echo
cat "$summary"
echo
log "raw wrk and pgbench output and the summary: $results"
stop_leftover_cluster
log "done; data kept in $DATA_DIR (REUSE_DATA=1 reuses it, explain.sh can query it)"
