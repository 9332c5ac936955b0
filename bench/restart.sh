#!/usr/bin/env bash
# Figures for living with a running stack: the time from `./jbang launch.java restart ID alice`
# to its return (alice stopped, started on the same port and ready again: its HTTP check passes)
# for the demo's dev profile, on ranges above 20000 (BASE, default 23501), median of RUNS;
# then the cost of keeping logs on disk (bench/LogBench.java).
# Usage: bench/restart.sh [RUNS] [BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
base=${2:-23501}
work=$(mktemp -d)
out="$work/out"
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cat >"$work/ports.yaml" <<YAML
ranges:
  DEVELOPMENT:   { base: $base, count: 4 }
  SECONDARY_DEV: { base: $((base + 100)), count: 4 }
  TERTIARY_DEV:  { base: $((base + 200)), count: 4 }
YAML
launch=(./jbang launch.java --config "$work/ports.yaml" --state-dir "$work/state")
"${launch[@]}" --version >/dev/null   # warm JBang's build cache
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

"${launch[@]}" dev --no-color >"$out" 2>&1 &
pid=$!
until grep -q " is up in " "$out"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; echo "bench: the stack did not come up" >&2; exit 1; }
    sleep 0.05
done
id=$(grep " is up in " "$out" | awk '{print $1}')
times=()
for _ in $(seq "$runs"); do
    start=$(now_ms)
    "${launch[@]}" restart "$id" alice >/dev/null 2>&1
    times+=($(( $(now_ms) - start )))
    sleep 0.5
done
echo "restart $id alice (dev profile, demo services), $runs runs:"
echo "  command to ready again (wall, incl. the client's JVM): median $(printf '%s\n' "${times[@]}" | median) ms  [${times[*]}]"
kill -TERM "$pid"
wait "$pid" || true
./jbang bench/LogBench.java 2>/dev/null
