#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of every public query — the very SQL constants the service runs — on the
# benchmark's loaded database. It runs QueryPlanTests against the embedded cluster in
# $BENCH_DIR/data (joined if running, else started for the duration and stopped again) and prints
# each statement with its plan. The tests also fail if any plan scans a content table whole.
#
#   tests/Nejat.Cms.Bench/explain.sh                  # after run.sh has loaded the data
#   tests/Nejat.Cms.Bench/explain.sh > plans.txt
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd -- "$SCRIPT_DIR/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/nejat-cms-bench}
DATA_DIR=${Cms__DataDir:-$BENCH_DIR/data}

[[ -f $DATA_DIR/postgres/PG_VERSION ]] || { echo "no loaded cluster in $DATA_DIR: run run.sh first" >&2; exit 1; }

NEJAT_EXPLAIN_DATADIR=$DATA_DIR dotnet test "$REPO_ROOT/tests/Nejat.Cms.Api.Tests" \
    --filter "FullyQualifiedName~QueryPlanTests" --logger "console;verbosity=detailed" 2>&1 |
    awk '/Standard Output Messages:/ { show = 1; next } /^  (Passed|Failed) / { show = 0 } show { sub(/^ /, ""); print }
         /^(Passed!|Failed!)/ { print }'
