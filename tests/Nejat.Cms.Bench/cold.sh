#!/usr/bin/env bash
# Cold reads beside the database ceiling: with the output cache off, each endpoint (the list, a tag,
# an author, a post by slug, searches) is measured with wrk at each connection count, and then pgbench
# runs that endpoint's own SQL (the *.pgbench.sql files, kept equal to the service's by
# BenchmarkSqlTests) with as many clients against the same cluster while the API is idle. Prints one
# table with both and their ratio. Works on data imported by run.sh (either dataset profile).
# See README.md beside this file.
#
#   tests/Nejat.Cms.Bench/run.sh              # once, to import (or DATASET=… for another file)
#   tests/Nejat.Cms.Bench/cold.sh
#   PROFILE=small DATA_DIR=/tmp/small/data tests/Nejat.Cms.Bench/cold.sh   # data of ../shared/datasets
#
# Environment (all optional): BENCH_DIR (as run.sh), DATA_DIR ($BENCH_DIR/data), PROFILE (bench:
# generate-dataset.py's words; small: gen_dataset.py's), DURATION (5s), CONNECTIONS ("1 32"),
# THREADS (2), PORT (5080), BENCH_LAUNCH (dll, as run.sh), READY_TIMEOUT (600), ONLY (an extended
# regular expression: only the endpoints whose names match it), WARMUP (5s: each endpoint is read this
# long, all of them, before any is measured), ROUNDS (1: wrk and pgbench alternate this many times per
# row, and the row has the medians, its ratio the median of each round's).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=cold-bench
# shellcheck source=api.sh
. "$SCRIPT_DIR/api.sh"
DATA_DIR=${DATA_DIR:-$BENCH_DIR/data}
PROFILE=${PROFILE:-bench}
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-1 32}
ONLY=${ONLY:-}
WARMUP=${WARMUP:-5s}
ROUNDS=${ROUNDS:-1}
[[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a whole number from 1, not '$ROUNDS'"
api_log=$BENCH_DIR/cold-api.log
trap stop_api EXIT

[[ -f $DATA_DIR/postgres.password ]] || die "no imported data in $DATA_DIR: run tests/Nejat.Cms.Bench/run.sh first"
command -v wrk >/dev/null || die "wrk is missing (run.sh installs it)"
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)
[[ -x $pgbench ]] || die "pgbench is missing (it comes with PostgreSQL)"
(: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "something already listens on 127.0.0.1:$PORT; set PORT"

# Search words per dataset profile: a rare word (the rarest in generate-dataset.py's data are numbers, 0.6 %; in the small
# vocabulary, a word of one post), a word in about 0.1 % of an edition's posts (the small vocabulary's
# clipped words; generate-dataset.py's data has none that rare), one in most posts, two words, a phrase,
# Farsi written with ZWNJ, and a misspelling of a word (no hits: didYouMean runs).
case $PROFILE in
    bench) rare=2650 tenth="" common=refugees two="refugees border" phrase='"human rights"' farsi="خانه‌ها" misspelt=residens ;;
    small) rare=ashraf tenth=humanitaria common=refugees two="refugees border" phrase='"camp residents"' farsi="خانواده‌ها" misspelt=refugess ;;
    *) die "PROFILE must be bench or small, not '$PROFILE'" ;;
esac

export Cms__DataDir=$DATA_DIR
build_app
: >"$api_log"
start_api false

# A fa post from the middle of its edition (it has neighbours), the busiest fa tag, the author of the newest en post.
IFS='|' read -r post tag author < <(python3 - "$BASE" <<'PY'
import json, sys, urllib.request
get = lambda path: json.load(urllib.request.urlopen(sys.argv[1] + path, timeout=60))
total = get("/v1/fa/posts?perPage=1")["page"]["totalItems"]
post = get(f"/v1/fa/posts?perPage=1&page={max(1, total // 2)}")["items"][0]["slug"]
tag = max(get("/v1/fa/tags?perPage=100")["items"], key=lambda t: t.get("postCount") or 0)["slug"]
author = get("/v1/en/posts?perPage=1")["items"][0]["author"]["slug"]
print(post, tag, author, sep="|")
PY
)
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

# name | path | pgbench script | its variables, separated by ;
ENDPOINTS=(
    "list|/v1/en/posts|list-in-edition|edition=en;limit=11;offset=0"
    "tag|/v1/fa/posts?tag=$(enc "$tag")|list-with-tag|edition=fa;tag=$tag;limit=11;offset=0"
    "author|/v1/en/posts?author=$(enc "$author")|list-by-author|edition=en;author=$author;limit=11;offset=0"
    "by-slug|/v1/fa/posts/$(enc "$post")|post-by-slug|edition=fa;slug=$post"
    "search, rare word ($rare)|/v1/en/search?q=$(enc "$rare")|search|edition=en;q=$rare;limit=10;offset=0"
    ${tenth:+"search, word in 0.1 % ($tenth)|/v1/en/search?q=$(enc "$tenth")|search|edition=en;q=$tenth;limit=10;offset=0"}
    "search, common word ($common)|/v1/en/search?q=$(enc "$common")|search|edition=en;q=$common;limit=10;offset=0"
    "search, two words ($two)|/v1/en/search?q=$(enc "$two")|search|edition=en;q=$two;limit=10;offset=0"
    "search, phrase ($phrase)|/v1/en/search?q=$(enc "$phrase")|search|edition=en;q=$phrase;limit=10;offset=0"
    "search, Farsi with ZWNJ ($farsi)|/v1/fa/search?q=$(enc "$farsi")|search|edition=fa;q=$farsi;limit=10;offset=0"
    "search, misspelt ($misspelt: didYouMean)|/v1/en/search?q=$(enc "$misspelt")|search|edition=en;q=$misspelt;limit=10;offset=0"
)

results=$BENCH_DIR/results/cold-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"
summary=$results/summary.md
port=$(sed -n 4p "$DATA_DIR/postgres/postmaster.pid")
{
    echo "## Nejat CMS cold reads beside the database ceiling, $(date -u '+%Y-%m-%d %H:%M') UTC"
    echo
    echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$REPO_DIR" rev-parse --short HEAD)"
    echo "- data: $DATA_DIR (profile $PROFILE); output cache off; wrk and pgbench $DURATION per round, $ROUNDS round(s) per row (medians)"
    echo
    echo "| endpoint | connections | hits | didYouMean | requests/s | p50 ms | p99 ms | non-2xx | database ceiling (pgbench tps) | ÷ ceiling |"
    echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$summary"

# The runtime recompiles the code a service runs most (tiered compilation) for tens of seconds after
# it starts, longer on a busy 2-core machine: without this the first endpoints measured paid for it.
for entry in "${ENDPOINTS[@]}"; do
    IFS='|' read -r name path _ <<<"$entry"
    [[ -z $ONLY || $name =~ $ONLY ]] || continue
    log "warm-up: $name for $WARMUP"
    wrk -t2 -c8 -d"$WARMUP" "$BASE$path" >/dev/null
done

for entry in "${ENDPOINTS[@]}"; do
    IFS='|' read -r name path script variables <<<"$entry"
    [[ -z $ONLY || $name =~ $ONLY ]] || continue
    IFS='|' read -r hits suggested <<<"$(curl -s "$BASE$path" | python3 -c 'import json,sys; b=json.load(sys.stdin); t=(b.get("page") or {}).get("totalItems"); m=b.get("totalMoreThan"); print(t if t is not None else (f"more than {m}" if m else "-"), ((b.get("didYouMean") or {}).get("query") or "-"), sep="|")')"
    pg_vars=()
    IFS=';' read -ra assignments <<<"$variables"
    for assignment in "${assignments[@]}"; do pg_vars+=(-D "$assignment"); done
    for c in $CONNECTIONS; do
        threads=$((c < THREADS ? c : THREADS))
        wrk -t"$threads" -c"$c" -d2s "$BASE$path" >/dev/null
        # The host's speed moves between runs minutes apart: each round's wrk and pgbench are adjacent,
        # and the ratio is the median of the rounds' ratios.
        rounds=()
        for round in $(seq "$ROUNDS"); do
            out=$results/$(printf '%s c%s r%s' "$name" "$c" "$round" | tr -c 'A-Za-z0-9._-' '_')
            log "wrk -c$c -d$DURATION $name (round $round of $ROUNDS)"
            wrk -t"$threads" -c"$c" -d"$DURATION" --timeout 10s --latency "$BASE$path" >"$out.wrk.txt"
            IFS='|' read -r rps p50 p99 non2xx _ <<<"$(wrk_figures "$out.wrk.txt")"
            log "pgbench -c$c -T${DURATION%s} $script.pgbench.sql"
            PGPASSWORD=$(cat "$DATA_DIR/postgres.password") "$pgbench" -h 127.0.0.1 -p "$port" -U cms -n -M prepared \
                -c "$c" -j "$threads" -T "${DURATION%s}" -f "$SCRIPT_DIR/$script.pgbench.sql" "${pg_vars[@]}" cms >"$out.pgbench.txt" 2>&1 ||
                { cat "$out.pgbench.txt" >&2; die "pgbench failed"; }
            tps=$(awk '/^tps = / { printf "%.0f", $3; exit }' "$out.pgbench.txt")
            [[ $rps =~ ^[0-9]+$ && $p50 =~ ^[0-9.]+$ && $p99 =~ ^[0-9.]+$ && $tps =~ ^[0-9]+$ ]] ||
                die "no figures from $out.wrk.txt or $out.pgbench.txt"
            rounds+=("$rps $p50 $p99 $non2xx $tps $(awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.4f", (b > 0 ? a / b : -1) }')")
        done
        # Each column's median (the lower middle one of an even count); non-2xx is summed.
        IFS='|' read -r rps p50 p99 non2xx tps ratio <<<"$(printf '%s\n' "${rounds[@]}" | python3 -c '
import sys
rows = [line.split() for line in sys.stdin if line.strip()]
median = lambda i: sorted(rows, key=lambda r: float(r[i]))[(len(rows) - 1) // 2][i]
ratio = float(median(5))
print(median(0), median(1), median(2), sum(int(r[3]) for r in rows), median(4), "-" if ratio < 0 else f"{100 * ratio:.0f} %", sep="|")')"
        echo "| $name | $c | $hits | $suggested | $rps | $p50 | $p99 | $non2xx | $tps | $ratio |" >>"$summary"
    done
done

echo
cat "$summary"
log "raw wrk and pgbench output and the summary: $results"
