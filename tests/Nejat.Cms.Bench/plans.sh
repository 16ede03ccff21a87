#!/usr/bin/env bash
# Which statements PostgreSQL plans again on every call. Starts the cluster of imported data with
# pg_stat_statements and track_planning, then the API (output cache off) on it; reads each public
# endpoint front ends and integrators use with wrk for DURATION, and prints every statement the reads
# ran with its calls, its plans, and its mean planning and execution times, those planned on (nearly)
# every call first. A statement with as many plans as calls pays its planning again per request: see
# README.md beside this file ("Statements planned on every call").
#
#   tests/Nejat.Cms.Bench/run.sh              # once, to import
#   tests/Nejat.Cms.Bench/plans.sh
#   DATA_DIR=/tmp/small/data tests/Nejat.Cms.Bench/plans.sh   # data of ../shared/datasets
#
# Environment (all optional): BENCH_DIR (as run.sh), DATA_DIR ($BENCH_DIR/data), DURATION (3s),
# CONNECTIONS (8), THREADS (2), PORT (5080), BENCH_LAUNCH (dll, as run.sh), READY_TIMEOUT (600).
# The cluster must not be running already: it is started here with the extension preloaded.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=plans-bench
# shellcheck source=api.sh
. "$SCRIPT_DIR/api.sh"
DATA_DIR=${DATA_DIR:-$BENCH_DIR/data}
DURATION=${DURATION:-3s}
CONNECTIONS=${CONNECTIONS:-8}
mkdir -p "$BENCH_DIR"
api_log=$BENCH_DIR/plans-api.log
cluster=$DATA_DIR/postgres

[[ -f $DATA_DIR/postgres.password ]] || die "no imported data in $DATA_DIR: run tests/Nejat.Cms.Bench/run.sh first"
command -v wrk >/dev/null || die "wrk is missing (run.sh installs it)"
command -v psql >/dev/null || die "psql is missing (it comes with PostgreSQL)"
command -v python3 >/dev/null && command -v curl >/dev/null || die "python3 and curl are needed"
(: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "something already listens on 127.0.0.1:$PORT; set PORT"
pg_ctl=$(command -v pg_ctl || find /usr/lib/postgresql -path '*/bin/pg_ctl' 2>/dev/null | sort -V | tail -n 1 || true)
[[ -x $pg_ctl ]] || die "pg_ctl is missing (it comes with PostgreSQL)"
# The API runs the server as the postgres account when it runs as root (LocalPostgres), from /, which
# that account can enter; so does this.
as_server() { if ((EUID == 0)); then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
as_server "$pg_ctl" status -D "$cluster" >/dev/null 2>&1 &&
    die "the cluster in $cluster is running: stop it (pg_ctl stop -D $cluster) so that it starts here with pg_stat_statements"

stop_all() {
    stop_api
    log "stopping the cluster"
    as_server "$pg_ctl" stop -D "$cluster" -m fast -w >/dev/null 2>&1 || true
}
trap stop_all EXIT
db_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "starting the cluster on 127.0.0.1:$db_port with pg_stat_statements (track_planning on)"
as_server "$pg_ctl" start -D "$cluster" -w -t 60 -l "$cluster/server.log" -o "-c port=$db_port -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories='' -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on" >/dev/null
sql() { PGPASSWORD=$(cat "$DATA_DIR/postgres.password") psql -h 127.0.0.1 -p "$db_port" -U cms -d cms -X -q "$@"; }

export Cms__DataDir=$DATA_DIR
build_app
: >"$api_log"
start_api false

# A fa post from the middle of its edition, the busiest of the first 100 fa tags, the author of the
# newest en post, a cursor to the second page, and the change feed's token after the first 1,000 changes.
IFS='|' read -r post tag author cursor since < <(python3 - "$BASE" <<'PY'
import json, sys, urllib.parse, urllib.request
get = lambda path: json.load(urllib.request.urlopen(sys.argv[1] + path, timeout=60))
total = get("/v1/fa/posts?perPage=1")["page"]["totalItems"]
post = get(f"/v1/fa/posts?perPage=1&page={max(1, total // 2)}")["items"][0]["slug"]
tag = max(get("/v1/fa/tags?perPage=100")["items"], key=lambda t: t.get("postCount") or 0)["slug"]
author = get("/v1/en/posts?perPage=1")["items"][0]["author"]["slug"]
cursor = urllib.parse.parse_qs(urllib.parse.urlparse(get("/v1/fa/posts")["links"]["next"]).query)["cursor"][0]
since = get("/v1/fa/changes?limit=1000")["next"]
print(post, tag, author, cursor, since, sep="|")
PY
)
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
post=$(enc "$post") tag=$(enc "$tag") author=$(enc "$author")

PATHS=(
    "/v1/fa/posts" "/v1/fa/posts?cursor=$cursor" "/v1/fa/posts?page=40" "/v1/fa/posts?tag=$tag" "/v1/en/posts?author=$author"
    "/v1/fa/posts?from=2024-01-01&to=2024-02-01" "/v1/fa/posts/$post" "/v1/fa/posts/$post/related"
    "/v1/fa/tags" "/v1/fa/tags/$tag" "/v1/authors" "/v1/authors/$author" "/v1/fa/archives"
    "/v1/fa/feed.xml" "/v1/fa/feed.json" "/v1/fa/tags/$tag/feed.xml" "/v1/fa/sitemap.xml" "/v1/fa/sitemaps/1.xml"
    "/v1/en/search?q=refugees" "/v1/en/search/suggest?q=ref" "/v1/fa/posts?q=$(enc خانه)&tag=$tag"
    "/v1/fa/changes" "/v1/fa/changes?since=$since" "/v1/fa/navigation" "/v1/fa/settings" "/v1/editions"
    "/v1/media" "/v1/fa/galleries"
)

sql -c "SET client_min_messages = warning" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
for path in "${PATHS[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    log "wrk -c$CONNECTIONS -d$DURATION $path ($code)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$BASE$path" >/dev/null
done

results=$BENCH_DIR/results
mkdir -p "$results"
report=$results/plans-$(date -u +%Y%m%dT%H%M%SZ).txt
{
    echo "Statements planned per call, $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git -C "$REPO_DIR" rev-parse --short HEAD), data $DATA_DIR"
    echo "wrk -c$CONNECTIONS -d$DURATION on each of ${#PATHS[@]} public reads, output cache off; statements called at least 50 times"
    echo
    sql -P pager=off -c "
        SELECT calls, plans, round(plans::numeric / calls, 2) AS plans_per_call,
               round(mean_plan_time::numeric, 3) AS plan_ms, round(mean_exec_time::numeric, 3) AS exec_ms,
               left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
        FROM pg_stat_statements
        WHERE calls >= 50 AND query NOT LIKE '%pg_stat_statements%'
        ORDER BY plans::numeric / calls DESC, plans * mean_plan_time DESC"
} | tee "$report"
log "report: $report"
