#!/usr/bin/env bash
# Figures for running a stack: wall time from `./jbang launch.java PROFILE` to its "is up"
# banner (all processes ready), and from SIGTERM to the launcher's exit with every process of
# the stack gone. Medians over RUNS runs, warm caches. Usage: bench/stack.sh [RUNS] [PROFILE]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
profile=${2:-dev}
state=$(mktemp -d)
out=$(mktemp)
trap 'rm -rf "$state" "$out"' EXIT
export LAUNCH_STATE_DIR=$state
./jbang launch.java --version >/dev/null   # warm JBang's build cache

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

ups=() ; downs=() ; inside=()
for i in $(seq "$runs"); do
    start=$(now_ms)
    ./jbang launch.java "$profile" --no-color >"$out" 2>&1 &
    pid=$!
    until grep -q " is up in " "$out"; do
        kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; echo "bench: the stack did not come up" >&2; exit 1; }
        sleep 0.02
    done
    ups+=($(( $(now_ms) - start )))
    inside+=("$(grep -o ' is up in [0-9.]*m\?s' "$out" | head -1 | sed 's/ is up in //')")
    token=$(grep -ho '"runToken" : "[^"]*"' "$state"/instances/*.json | head -1 | cut -d'"' -f4)
    sleep 1
    start=$(now_ms)
    kill -TERM "$pid"
    wait "$pid" || true
    downs+=($(( $(now_ms) - start )))
    left=$(grep -lz "LAUNCH_RUN_TOKEN=$token" /proc/[0-9]*/environ 2>/dev/null | wc -l || true)
    [ "$left" -eq 0 ] || { echo "bench: $left processes left behind by run $i" >&2; exit 1; }
done
echo "stack '$profile', $runs runs (warm caches):"
echo "  start to all ready (wall, incl. JVM + JBang): median $(printf '%s\n' "${ups[@]}" | median) ms  [${ups[*]}]"
echo "  as the banner reports it (launcher's own):   ${inside[*]}"
echo "  SIGTERM to last process gone:                median $(printf '%s\n' "${downs[@]}" | median) ms  [${downs[*]}]"
