#!/usr/bin/env bash
# The demo `dev` stack, Enter to all four ports answering HTTP, side by side with the seed's
# run-dev-with-unique-ports.sh (its node servers) in interleaved rounds, each round in a new order.
#
#   bench/devstack.sh [RUNS] [CHECKOUT...]     RUNS rounds (default 9); each CHECKOUT (default:
#                                              this one) is a copy of launch, run as ./jbang launch.java dev
#
# Give two checkouts (e.g. one at an older commit, from `git archive`) to compare them paired: on a
# busy machine only figures from the same rounds compare. The seed comes from $LAUNCH_SEED (see
# bench/seed.sh); both sides use ports BENCH_PORT_BASE.. (default 26100).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-9}
shift || true
checkouts=("$@")
[[ ${#checkouts[@]} -gt 0 ]] || checkouts=("$root")
base=${BENCH_PORT_BASE:-26100}
seed=$root/bench/out/seed-devstack
# shellcheck source=bench/seed.sh
. "$root/bench/seed.sh"

seed_build "$seed"
seed_move_ports "$seed" "$base"

tmp=$(mktemp -d /tmp/launch-devstack.XXXXXX)
pid=
cleanup() { [[ -z $pid ]] || kill -TERM "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
seed_ports_yaml "$tmp/ports.yaml" "$base"
no_jbang_path=$(path_without_jbang)

# True when nothing accepts connections on PORT... (the last side's servers may take a moment to go).
quiet_ports() {
  local p
  for p in "$@"; do (: <>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && return 1; done
  return 0
}

took=
up() {  # SIDE: starts it, sets took to the ms until the four ports answer, stops it
  local side=$1 start n=0
  # Else a side would find the block busy, come up on the next one, and never be seen answering here.
  until quiet_ports "$base" "$((base + 1))" "$((base + 2))" "$((base + 3))"; do
    ((n++ < 500)) || { say "bench: ports $base-$((base + 3)) still in use 5 s after the last side stopped"; exit 1; }
    sleep 0.01
  done
  start=$(ms)
  if [[ $side == seed ]]; then
    (cd "$seed" && FIND_DEV_PORTS="node dist/find-dev-ports.js" exec ./run-dev-with-unique-ports.sh) >"$tmp/out" 2>&1 &
  else
    (cd "${checkouts[side]}" && PATH=$no_jbang_path exec ./jbang launch.java dev --config "$tmp/ports.yaml" \
        --state-dir "$tmp/state" --no-color) >"$tmp/out" 2>&1 &
  fi
  pid=$!
  until answering "$base" "$((base + 1))" "$((base + 2))" "$((base + 3))"; do
    kill -0 "$pid" 2>/dev/null || { cat "$tmp/out" >&2; say "bench: $side did not come up"; exit 1; }
    # A block busy at its start (another user of these ports) sends launch to the next one: never seen here.
    (( $(ms) - start < 30000 )) || { grep -i skipped "$tmp/out" >&2; say "bench: $side not answering on $base.. after 30 s"; exit 1; }
    sleep 0.01
  done
  took=$(( $(ms) - start ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=
  sleep 0.3
}

sides=(seed "${!checkouts[@]}")
for side in "${sides[@]}"; do up "$side"; done   # warm caches: builds, archives
declare -A times=()
say "bench: $runs rounds of the seed and ${#checkouts[@]} checkout(s) ..."
for ((round = 0; round < runs; round++)); do
  for ((k = 0; k < ${#sides[@]}; k++)); do
    side=${sides[(k + round) % ${#sides[@]}]}
    up "$side"
    times[$side]+="$took "
  done
done

printf 'Enter to 4 ports answering, medians of %d interleaved rounds (%s, %s cores, load %s)\n' "$runs" \
  "$(uname -sm)" "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo ?)" "$(uptime | sed 's/.*load averages*: //')"
# shellcheck disable=SC2086
seed_median=$(median ${times[seed]})
printf '  %-48s %6d ms  [%s]\n' "seed run-dev-with-unique-ports.sh" "$seed_median" "${times[seed]% }"
for side in "${!checkouts[@]}"; do
  # shellcheck disable=SC2086
  m=$(median ${times[$side]})
  printf '  %-48s %6d ms  %5.2fx  [%s]\n' "${checkouts[side]} ./jbang launch.java dev" "$m" \
    "$(awk -v a="$m" -v b="$seed_median" 'BEGIN {print a / b}')" "${times[$side]% }"
done
