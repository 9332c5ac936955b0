#!/usr/bin/env bash
# Figures for `ports`: wall time of `./jbang launch.java ports` (warm caches, median of RUNS),
# then the in-process allocation benchmark. Usage: bench/ports.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
./jbang launch.java ports --state-dir "$state" --lease 0 >/dev/null 2>&1   # warm JBang's build cache
times=()
for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    ./jbang launch.java ports --state-dir "$state" --lease 0 >/dev/null 2>&1
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
echo "./jbang launch.java ports, warm: median ${median} ms over ${runs} runs (min $(printf '%s\n' "${times[@]}" | sort -n | head -1) ms)"
./jbang bench/AllocationBench.java 2>/dev/null
