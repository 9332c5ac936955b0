#!/usr/bin/env bash
# Start-up of the commands scripts call on every shell (`ports`, `status`, `env`) against the
# TypeScript original they replace, measured side by side in one run, then the in-process cost of
# an allocation. Prints medians, the ratios the targets are stated in, and PASS/FAIL per target.
#
#   bench/startup.sh [RUNS] [--first-run]
#
# RUNS (default 21) rounds; each round runs every command once, in a rotating order, so that the
# load of a shared machine falls on all of them alike. Caches are warmed first. --first-run also
# times a run on a fresh machine: empty JBang, Maven and wrapper caches (downloads included).
# The seed (the TypeScript original launch replaces; a checkout of it named by $LAUNCH_SEED) is
# copied to bench/out/seed, installed with npm and built with its own `npm run build`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/bench/out
seed=$out/seed
# shellcheck source=bench/seed.sh
. "$root/bench/seed.sh"
runs=21
first_run=
for arg in "$@"; do
  case $arg in
    --first-run) first_run=1 ;;
    [0-9]*) runs=$arg ;;
    *) echo "usage: bench/startup.sh [RUNS] [--first-run]" >&2; exit 2 ;;
  esac
done

# --- the seed, built once ----------------------------------------------------------------------
mkdir -p "$out"
seed_build "$seed"

# --- the runs ------------------------------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status_state=$tmp/status
# Two reservations for status and env to show (an hour each; they hold no ports, only registry entries).
LAUNCH_STATE_DIR=$status_state "$root/jbang" "$root/launch.java" ports --lease 1h >/dev/null 2>&1
LAUNCH_STATE_DIR=$status_state "$root/jbang" "$root/launch.java" ports --lease 1h >/dev/null 2>&1

names=(tsx node ports status env)
declare -A label=(
  [tsx]="npx tsx src/utils/find-dev-ports.ts"
  [node]="node dist/find-dev-ports.js"
  [ports]="./jbang launch.java ports --format sh"
  [status]="./jbang launch.java status --json"
  [env]="./jbang launch.java env dev-1"
)
n=0
run_one() {  # NAME: one run, stdout and stderr to files
  case $1 in
    tsx) (cd "$seed" && exec npx tsx src/utils/find-dev-ports.ts) ;;
    node) (cd "$seed" && exec node dist/find-dev-ports.js) ;;
    # `ports` reserves its block for 30 s: each run gets an empty registry of its own, made beforehand.
    ports) (cd "$root" && LAUNCH_STATE_DIR=$tmp/ports.$n exec ./jbang launch.java ports --format sh) ;;
    status) (cd "$root" && LAUNCH_STATE_DIR=$status_state exec ./jbang launch.java status --json) ;;
    env) (cd "$root" && LAUNCH_STATE_DIR=$status_state exec ./jbang launch.java env dev-1) ;;
  esac >"$tmp/out" 2>"$tmp/err"
}

# Warm-up, and a check that each command does its job (the exports, the JSON array, ...).
for name in "${names[@]}"; do
  for _ in 1 2 3; do
    n=$((n + 1)); mkdir -p "$tmp/ports.$n"
    run_one "$name" || { say "bench: $name failed:"; cat "$tmp/err" >&2; exit 1; }
  done
  case $name in
    tsx | node | ports | env) grep -q '^export ALICE_PORT=[0-9]*$' "$tmp/out" ;;
    status) grep -q '"instance" : "dev-2"' "$tmp/out" ;;
  esac || { say "bench: unexpected output of $name:"; cat "$tmp/out" "$tmp/err" >&2; exit 1; }
done
if grep -qi 'warning\|sharing' "$tmp/out"; then say "bench: JVM chatter on stdout"; exit 1; fi

declare -A times=()
say "bench: $runs rounds of ${names[*]} ..."
for ((round = 0; round < runs; round++)); do
  for ((k = 0; k < ${#names[@]}; k++)); do
    name=${names[(k + round) % ${#names[@]}]}
    n=$((n + 1)); mkdir -p "$tmp/ports.$n"
    start=$(ms)
    run_one "$name" || { say "bench: $name failed:"; cat "$tmp/err" >&2; exit 1; }
    times[$name]+="$(( $(ms) - start )) "
  done
done

declare -A med=()
# shellcheck disable=SC2086
for name in "${names[@]}"; do med[$name]=$(median ${times[$name]}); done

verdict() { awk -v r="$1" -v max="$2" 'BEGIN {print (r <= max ? "PASS" : "FAIL")}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
printf '\nStart-up, median of %d interleaved runs, warm caches (%s, %s cores, load %s)\n' \
  "$runs" "$(uname -sm)" "$(nproc 2>/dev/null || echo ?)" "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)"
for name in "${names[@]}"; do
  printf '  %-40s %6d ms\n' "${label[$name]}" "${med[$name]}"
done
printf '\nRatios (targets: <= 0.50 x tsx, <= 2.00 x node)\n'
fails=0
for name in ports status env; do
  r1=$(ratio "${med[$name]}" "${med[tsx]}"); v1=$(verdict "$r1" 0.5)
  r2=$(ratio "${med[$name]}" "${med[node]}"); v2=$(verdict "$r2" 2.0)
  printf '  %-40s %5s x tsx %s   %5s x node %s\n' "${label[$name]}" "$r1" "$v1" "$r2" "$v2"
  [[ $v1 == PASS && $v2 == PASS ]] || fails=$((fails + 1))
done

# --- in-process allocation -----------------------------------------------------------------------
printf '\nIn-process allocation of a 4-port block (target: median <= 100 us with nothing busy)\n'
(cd "$root" && ./jbang bench/AllocationBench.java "${LAUNCH_BENCH_ALLOC_RUNS:-50}" 2>/dev/null) | tee "$tmp/alloc" | sed 's/^/  /'
free_us=$(awk '/^0 of the chain.s ranges busy: allocator/ {print $(NF-1)}' "$tmp/alloc")
v=$(verdict "${free_us:-1e9}" 100)
printf '  nothing busy: %s us -> %s\n' "${free_us:-?}" "$v"
[[ $v == PASS ]] || fails=$((fails + 1))

# --- first run on a fresh machine ----------------------------------------------------------------
if [[ -n $first_run ]]; then
  fresh=$tmp/fresh
  mkdir -p "$fresh"
  printf '\nFirst run on a fresh machine (empty JBang, Maven and wrapper caches; downloads included)\n'
  for attempt in first second third; do
    start=$(ms)
    (cd "$root" && LAUNCH_JBANG_CACHE=$fresh/launch-jbang JBANG_DIR=$fresh/jbang JBANG_REPO=$fresh/m2 \
        MAVEN_OPTS="-Dmaven.repo.local=$fresh/m2 ${MAVEN_OPTS:-}" LAUNCH_STATE_DIR=$fresh/state.$attempt \
        ./jbang launch.java ports --format sh) >"$tmp/out" 2>"$tmp/err" \
      || { say "bench: the $attempt fresh run failed:"; cat "$tmp/err" >&2; exit 1; }
    took=$(( $(ms) - start ))
    lines=$(grep -c '^export [A-Z_]*_PORT=[0-9]*$' "$tmp/out" || true)
    printf '  %-6s run: %6d ms, %d export lines on stdout %s\n' "$attempt" "$took" "$lines" \
      "$([[ $lines == 4 && $(wc -l <"$tmp/out") == 4 ]] && echo PASS || echo FAIL)"
  done
fi

printf '\n%s\n' "$([[ $fails == 0 ]] && echo "all targets PASS" || echo "$fails target(s) FAIL")"
[[ $fails == 0 ]]
