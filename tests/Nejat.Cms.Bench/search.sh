#!/usr/bin/env bash
# Search latency on the benchmark's data (run.sh imports it: 100,000 posts by default): each query
# is sent with wrk at each connection count with the output cache off, so every answer is a real
# search; prints requests/s, p50 and p99 per query. See README.md beside this file.
#
#   tests/Nejat.Cms.Bench/run.sh        # once, to generate and import the data (or REUSE_DATA=1 …)
#   tests/Nejat.Cms.Bench/search.sh
#
# Environment (all optional): BENCH_DIR (as run.sh), DURATION (10s), CONNECTIONS ("1 8 32"),
# THREADS (2), PORT (5080), BENCH_LAUNCH (dll, as run.sh), READY_TIMEOUT (600: the first start after an upgrade fills the search
# columns of every post), ONLY (an extended regular expression: only the queries whose names match it).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LOG_TAG=search-bench
# shellcheck source=api.sh
. "$SCRIPT_DIR/api.sh"
DATA_DIR=$BENCH_DIR/data
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-1 8 32}
ONLY=${ONLY:-}
api_log=$BENCH_DIR/search-api.log
trap stop_api EXIT

[[ -f $DATA_DIR/.bench-dataset ]] || die "no imported data in $DATA_DIR: run tests/Nejat.Cms.Bench/run.sh first"
command -v wrk >/dev/null || die "wrk is missing (run.sh installs it)"
(: <"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && die "something already listens on 127.0.0.1:$PORT; set PORT"

export Cms__DataDir=$DATA_DIR
build_app
: >"$api_log"
t0=$SECONDS
start_api false
log "ready after $((SECONDS - t0)) s (includes any migration: see $api_log)"

# Queries: common and rarer words, several words, a phrase, the Farsi variants a reader types
# (Arabic-keyboard letters, ZWNJ written as a space, Arabic-Indic digits), Albanian without ë,
# misspellings in each edition (no hits: didYouMean runs), and type-ahead prefixes.
QUERIES=(
    "en search, one common word|/v1/en/search?q=refugees"
    "en search, two words|/v1/en/search?q=refugees%20border"
    "en search, a phrase|/v1/en/search?q=%22human%20rights%22"
    "en search, misspelt (didYouMean)|/v1/en/search?q=refugess"
    "en search, misspelt body word (didYouMean)|/v1/en/search?q=residens"
    "fa search, misspelt, Arabic keyboard, no ZWNJ (didYouMean)|/v1/fa/search?q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("بينالملليي"))')"
    "ar search, misspelt (didYouMean)|/v1/ar/search?q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("الثقافةة"))')"
    "sq search, misspelt, without ë (didYouMean)|/v1/sq/search?q=bashkepunimii"
    "en posts list with q|/v1/en/posts?q=refugees"
    "fa search, one word|/v1/fa/search?q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("پناهجویان"))')"
    "fa search, Arabic keyboard + space for ZWNJ|/v1/fa/search?q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("خانه ها"))')"
    "fa search, two words|/v1/fa/search?q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("حقوق بشر"))')"
    "ar search, one word|/v1/ar/search?q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("اللاجئين"))')"
    "sq search, without ë|/v1/sq/search?q=shqiperi"
    "en suggest, 3 letters|/v1/en/search/suggest?q=ref"
    "fa suggest, 2 letters|/v1/fa/search/suggest?q=$(python3 -c 'import urllib.parse;print(urllib.parse.quote("پن"))')"
)


results=$BENCH_DIR/results/search-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$results"
summary=$results/summary.md
{
    echo "## Nejat CMS search benchmark, $(date -u '+%Y-%m-%d %H:%M') UTC"
    echo
    echo "- machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo); commit $(git -C "$REPO_DIR" rev-parse --short HEAD)"
    echo "- data: $(cut -d' ' -f1 "$DATA_DIR/.bench-dataset" | xargs basename); output cache off; wrk -t$THREADS, $DURATION per row"
    echo
    echo "| query | connections | hits | didYouMean | requests/s | p50 ms | p99 ms | non-2xx |"
    echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
} >"$summary"

for entry in "${QUERIES[@]}"; do
    name=${entry%%|*}
    path=${entry#*|}
    [[ -z $ONLY || $name =~ $ONLY ]] || continue
    IFS='|' read -r hits suggested <<<"$(curl -s "$BASE$path" | python3 -c 'import json,sys; b=json.load(sys.stdin); print((b.get("page") or {}).get("totalItems", len(b.get("items", []))), ((b.get("didYouMean") or {}).get("query") or "-"), sep="|")')"
    for c in $CONNECTIONS; do
        out=$results/$(printf '%s c%s' "$name" "$c" | tr -c 'A-Za-z0-9._-' '_').wrk.txt
        threads=$((c < THREADS ? c : THREADS))
        log "wrk -c$c -d$DURATION $name"
        wrk -t"$threads" -c"$c" -d2s "$BASE$path" >/dev/null
        wrk -t"$threads" -c"$c" -d"$DURATION" --timeout 10s --latency "$BASE$path" >"$out"
        IFS='|' read -r rps p50 p99 non2xx _ <<<"$(wrk_figures "$out")"
        echo "| $name | $c | $hits | $suggested | $rps | $p50 | $p99 | $non2xx |" >>"$summary"
    done
done

echo
cat "$summary"
log "raw wrk output and the summary: $results"
