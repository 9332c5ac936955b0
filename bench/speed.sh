#!/usr/bin/env bash
# The speed and memory targets, each measured side by side with its anchor in one run:
#   1. `./jbang launch.java ports`, without and with a JBang on PATH, against the seed's
#      precompiled `node dist/find-dev-ports.js` (<= 1.5x, the two within 10% of each other);
#      `jbang launch.java ports` through that JBang (it builds only the door, launch.java, which
#      hands over to ./jbang) against its run of a hello-world script (<= 1.2x), and, for scale,
#      the same JBang running the app itself, `jbang lib/launch.java ports`: every //SOURCES file
#      and the //DEPS on each run, as without the door;
#   2. the demo `dev` stack, Enter to all four ports answering, against the seed's
#      run-dev-with-unique-ports.sh with its node servers (no slower, and under 1.5 s);
#   3. RSS of the launcher and its watchdog (<= 60 MB together) and of each demo service (<= 50 MB).
#
#   bench/speed.sh [RUNS]        RUNS rounds for 1 (default 11), 5 for 2 (BENCH_STACK_RUNS)
#
# Every ratio is paired: the median over the rounds of the two times taken in the same round.
#
# The JBang on PATH is the jar ./jbang bootstraps behind a launcher with JBang's exit-255
# protocol. Both sides use ports BENCH_PORT_BASE.. (default 26100; the seed's copy is patched off
# 5001-5299). The seed (the TypeScript original launch replaces; a checkout of it named by
# $LAUNCH_SEED) is copied to bench/out/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-11}
stack_runs=${BENCH_STACK_RUNS:-5}
base=${BENCH_PORT_BASE:-26100}
seed=$root/bench/out/seed-speed
# shellcheck source=bench/seed.sh
. "$root/bench/seed.sh"
# The median over the rounds of A's time over B's in the same round: load that comes and goes
# between rounds (this machine is shared) cancels out of each ratio.
paired() {  # "A_TIMES..." "B_TIMES...", in round order
  local a b i
  read -ra a <<<"$1"
  read -ra b <<<"$2"
  for ((i = 0; i < ${#a[@]}; i++)); do awk -v x="${a[i]}" -v y="${b[i]}" 'BEGIN {printf "%.4f\n", x / y}'; done |
    sort -g | awk '{v[NR] = $1} END {printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
verdict() { awk -v r="$1" -v lo="$2" -v hi="$3" 'BEGIN {print (r >= lo && r <= hi ? "PASS" : "FAIL")}'; }
fails=0
check() {  # LABEL VALUE LOW HIGH UNIT
  local v; v=$(verdict "$2" "$3" "$4")
  printf '  %-58s %8s %s  %s\n' "$1" "$2" "$5" "$v"
  [[ $v == PASS ]] || fails=$((fails + 1))
}

# --- the seed, built once, its port ranges moved into our window ---------------------------------
seed_build "$seed"
seed_move_ports "$seed" "$base"

tmp=$(mktemp -d /tmp/launch-bench.XXXXXX)
stack_pid=
cleanup() { [[ -z $stack_pid ]] || kill -TERM "$stack_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
seed_ports_yaml "$tmp/ports.yaml" "$base"
jbang_cache=${LAUNCH_JBANG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/launch/jbang-0.132.1}
"$root/jbang" "$root/launch.java" --version >/dev/null   # bootstraps JBang and builds the app once
mkdir -p "$tmp/bin"
cat >"$tmp/bin/jbang" <<EOF
#!/usr/bin/env bash
output=\$(java -classpath '$jbang_cache/lib/*' dev.jbang.Main "\$@")
rc=\$?
if [[ \$rc -eq 255 ]]; then eval "exec \$output"; fi
[[ -z \$output ]] || printf '%s\n' "\$output"
exit \$rc
EOF
chmod +x "$tmp/bin/jbang"
printf 'class hello { public static void main(String[] a) { System.out.println("hello"); } }\n' >"$tmp/hello.java"
no_jbang_path=$(path_without_jbang)
with_jbang_path=$tmp/bin:$no_jbang_path

# --- 1. ports ------------------------------------------------------------------------------------
names=(node plain onpath installed hello direct)
declare -A label=(
  [node]="node dist/find-dev-ports.js (seed)"
  [plain]="./jbang launch.java ports (no JBang on PATH)"
  [onpath]="./jbang launch.java ports (JBang on PATH)"
  [installed]="jbang launch.java ports (installed JBang)"
  [hello]="jbang hello.java (installed JBang)"
  [direct]="jbang lib/launch.java ports (installed JBang, no door)"
)
n=0
run_one() {
  n=$((n + 1))
  case $1 in
    node) (cd "$seed" && exec node dist/find-dev-ports.js) ;;
    plain) (cd "$root" && PATH=$no_jbang_path exec ./jbang launch.java ports --config "$tmp/ports.yaml" --state-dir "$tmp/s$n") ;;
    onpath) (cd "$root" && PATH=$with_jbang_path exec ./jbang launch.java ports --config "$tmp/ports.yaml" --state-dir "$tmp/s$n") ;;
    installed) (cd "$root" && PATH=$with_jbang_path exec jbang launch.java ports --config "$tmp/ports.yaml" --state-dir "$tmp/s$n") ;;
    hello) (cd "$tmp" && PATH=$with_jbang_path exec jbang hello.java) ;;
    direct) (cd "$root" && PATH=$with_jbang_path exec jbang lib/launch.java ports --config "$tmp/ports.yaml" --state-dir "$tmp/s$n") ;;
  esac >"$tmp/out" 2>"$tmp/err"
}
for name in "${names[@]}"; do
  for _ in 1 2 3; do run_one "$name" || { say "bench: $name failed:"; cat "$tmp/err" >&2; exit 1; }; done
  case $name in hello) grep -qx hello "$tmp/out" ;; *) grep -q "^export ALICE_PORT=[0-9]*$" "$tmp/out" ;; esac \
    || { say "bench: unexpected output of $name:"; cat "$tmp/out" "$tmp/err" >&2; exit 1; }
done
declare -A times=()
say "bench: $runs rounds of ${names[*]} ..."
for ((round = 0; round < runs; round++)); do
  for ((k = 0; k < ${#names[@]}; k++)); do
    name=${names[(k + round) % ${#names[@]}]}
    start=$(ms)
    run_one "$name" || { say "bench: $name failed:"; cat "$tmp/err" >&2; exit 1; }
    times[$name]+="$(( $(ms) - start )) "
  done
done
declare -A med=()
# shellcheck disable=SC2086
for name in "${names[@]}"; do med[$name]=$(median ${times[$name]}); done

# --- 2. the stack --------------------------------------------------------------------------------
ours_up=() seed_up=() launcher_rss=() watchdog_rss=() service_rss=()
say "bench: $stack_runs stack starts each ..."
for ((i = 0; i < stack_runs; i++)); do
  for side in ours seed; do
    start=$(ms)
    if [[ $side == ours ]]; then
      (cd "$root" && PATH=$no_jbang_path exec ./jbang launch.java dev --config "$tmp/ports.yaml" --state-dir "$tmp/stack" --no-color) \
          >"$tmp/stack.out" 2>&1 &
    else
      (cd "$seed" && FIND_DEV_PORTS="node dist/find-dev-ports.js" exec ./run-dev-with-unique-ports.sh) >"$tmp/stack.out" 2>&1 &
    fi
    stack_pid=$!
    until answering "$base" "$((base + 1))" "$((base + 2))" "$((base + 3))"; do
      kill -0 "$stack_pid" 2>/dev/null || { cat "$tmp/stack.out" >&2; say "bench: the $side stack did not come up"; exit 1; }
      sleep 0.01
    done
    took=$(( $(ms) - start ))
    if [[ $side == ours ]]; then
      ours_up+=("$took")
      sleep 1
      launcher_rss+=("$(( $(ps -o rss= -p "$stack_pid") / 1024 ))")
      w=0 s=0
      for child in $(ps -o pid= --ppid "$stack_pid" 2>/dev/null || pgrep -P "$stack_pid"); do
        case $(ps -o comm= -p "$child") in
          perl | java) [[ $(ps -o comm= -p "$child") == perl ]] && w=$(( $(ps -o rss= -p "$child") / 1024 )) \
                         || { r=$(( $(ps -o rss= -p "$child") / 1024 )); (( r > s )) && s=$r; } ;;
        esac
      done
      watchdog_rss+=("$w"); service_rss+=("$s")
    else
      seed_up+=("$took")
    fi
    kill -TERM "$stack_pid"; wait "$stack_pid" 2>/dev/null || true; stack_pid=
    sleep 0.3
  done
done

# --- report --------------------------------------------------------------------------------------
printf '\nMedians, %d interleaved rounds (stack: %d), warm caches (%s, %s cores, load %s)\n' "$runs" "$stack_runs" \
  "$(uname -sm)" "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo ?)" "$(uptime | sed 's/.*load averages*: //')"
for name in "${names[@]}"; do printf '  %-58s %6d ms  [%s]\n' "${label[$name]}" "${med[$name]}" "${times[$name]% }"; done
printf '  %-58s %6d ms  [%s]\n' "seed run-dev-with-unique-ports.sh, to 4 ports answering" "$(median "${seed_up[@]}")" "${seed_up[*]}"
printf '  %-58s %6d ms  [%s]\n' "./jbang launch.java dev, to 4 ports answering" "$(median "${ours_up[@]}")" "${ours_up[*]}"
printf '\nTargets (each ratio: the median over the rounds of the two times in the same round)\n'
check "./jbang ports, no JBang on PATH / node" "$(paired "${times[plain]}" "${times[node]}")" 0 1.5 x
check "./jbang ports, JBang on PATH / node" "$(paired "${times[onpath]}" "${times[node]}")" 0 1.5 x
check "./jbang ports, JBang on PATH / no JBang on PATH" "$(paired "${times[onpath]}" "${times[plain]}")" 0.9 1.1 x
check "jbang launch.java ports / jbang hello.java" "$(paired "${times[installed]}" "${times[hello]}")" 0 1.2 x
printf '  %-58s %8s x  (for scale: the app built and started by JBang itself, no target)\n' \
  "jbang lib/launch.java ports / jbang hello.java" "$(paired "${times[direct]}" "${times[hello]}")"
check "dev stack / seed stack" "$(paired "${ours_up[*]}" "${seed_up[*]}")" 0 1.0 x
check "dev stack, Enter to 4 ports answering (ms)" "$(median "${ours_up[@]}")" 0 1500 ms
check "launcher + watchdog RSS (MB)" "$(( $(median "${launcher_rss[@]}") + $(median "${watchdog_rss[@]}") ))" 0 60 \
  "MB (launcher $(median "${launcher_rss[@]}"), watchdog $(median "${watchdog_rss[@]}"))"
check "largest demo service RSS (MB)" "$(median "${service_rss[@]}")" 0 50 MB
printf '\n%s\n' "$([[ $fails == 0 ]] && echo "all targets PASS" || echo "$fails target(s) FAIL")"
[[ $fails == 0 ]]
