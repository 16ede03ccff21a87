# Shared by run.sh, search.sh and cold.sh (sourced, not run): the settings they share, logging,
# building the API, starting it and waiting until it is ready, stopping it, and reading wrk's output.
# The caller sets api_log and exports Cms__DataDir; settings it has set already are kept.
# shellcheck shell=bash

REPO_DIR=${REPO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
PROJECT_DIR=${PROJECT_DIR:-$REPO_DIR/src/Nejat.Cms.Api}
PROJECT_FILE=${PROJECT_FILE:-$PROJECT_DIR/Nejat.Cms.Api.csproj}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/nejat-cms-bench}
BENCH_LAUNCH=${BENCH_LAUNCH:-dll}
THREADS=${THREADS:-2}
PORT=${PORT:-5080}
# The first start after an upgrade may fill new columns of every post.
READY_TIMEOUT=${READY_TIMEOUT:-600}
BASE=${BASE:-http://127.0.0.1:$PORT}
# pgbench and psql plan the service's statements as its own connections do (DataSource.WithDefaults).
export PGOPTIONS="-c random_page_cost=1.1"

API_PID=
LOG_TAG=${LOG_TAG:-bench}

log() { printf '[%s %s] %s\n' "$LOG_TAG" "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Builds the API (Release) and sets APP, the command that runs it.
build_app() {
    local build_log=$BENCH_DIR/build.log artifacts app_dll
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
}

# Starts the API with Cms__OutputCache=$1 (true|false) and waits until it is ready.
start_api() {
    # $1: true|false for the output cache.
    log "starting the API with Cms__OutputCache=$1: ${APP[*]} --urls $BASE   (log: $api_log)"
    (cd "$PROJECT_DIR" && Cms__OutputCache=$1 exec "${APP[@]}" --urls "$BASE") >>"$api_log" 2>&1 </dev/null &
    API_PID=$!
    local deadline=$((SECONDS + READY_TIMEOUT))
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$BASE/health/ready" || true) == 200 ]]; do
        if ! kill -0 "$API_PID" 2>/dev/null; then
            tail -n 40 "$api_log" >&2
            die "the API exited before it was ready (log: $api_log)"
        fi
        ((SECONDS < deadline)) || { tail -n 40 "$api_log" >&2; die "not ready after ${READY_TIMEOUT}s"; }
        sleep 0.5
    done
    log "ready: $BASE/health/ready answered 200 (pid $API_PID)"
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

# wrk latencies come as 812.00us, 1.23ms, 1.02s or 1.50m; the tables show milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v == "") { print "-"; exit }
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

# requests/s|p50 ms|p99 ms|non-2xx|socket errors of one wrk --latency output file.
wrk_figures() {
    local out=$1 rps p50 p99 non2xx sockerr
    rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    p50=$(awk '/Latency Distribution/ { d = 1 } d && $1 == "50%" { print $2; exit }' "$out")
    p99=$(awk '/Latency Distribution/ { d = 1 } d && $1 == "99%" { print $2; exit }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out")
    echo "${rps:-?}|$(to_ms "$p50")|$(to_ms "$p99")|${non2xx:-0}|${sockerr:-0}"
}
