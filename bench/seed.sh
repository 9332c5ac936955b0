# shellcheck shell=bash
# Sourced by the benches that pair their figures with the seed: the TypeScript original launch
# replaces, a checkout of it named by LAUNCH_SEED.
#   seed_build DEST   copies it to DEST, installs it with npm and builds it with its own
#                     `npm run build`, unless DEST already holds this very seed, built.
#   seed_move_ports DEST BASE    moves the built seed's three ranges off 5001-5299 to BASE,
#                     BASE+10 and BASE+20 (4 ports each); seed_ports_yaml FILE BASE writes the
#                     ports.yaml that gives launch the same three.
#   say, ms, median VALUE..., answering PORT..., path_without_jbang: the benches' small helpers.
say() { printf '%s\n' "$*" >&2; }
ms() { printf '%d' "$(( ${EPOCHREALTIME/./} / 1000 ))"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
answering() {  # PORT...: every one answers HTTP
  local p
  for p in "$@"; do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/" || return; done
}
# PATH without any directory that holds a jbang, on stdout.
path_without_jbang() {
  printf '%s' "$PATH" | tr ':' '\n' | while IFS= read -r d; do [[ -x $d/jbang ]] || printf '%s:' "$d"; done
}
seed_build() {
  local src=${LAUNCH_SEED:-} dest=$1
  if [[ -z $src || ! -d $src ]]; then
    printf '%s\n' "bench: set LAUNCH_SEED to a checkout of the TypeScript original (the seed), the anchor these figures are paired with" >&2
    exit 2
  fi
  command -v node >/dev/null && command -v npm >/dev/null || { printf '%s\n' "bench: node and npm are needed for the seed" >&2; exit 1; }
  if [[ ! -f $dest/dist/find-dev-ports.js ]] || ! diff -rq -x node_modules -x dist "$src" "$dest" >/dev/null 2>&1; then
    printf '%s\n' "bench: installing and building the seed in $dest (once)" >&2
    rm -rf "$dest"; mkdir -p "${dest%/*}"; cp -r "$src" "$dest"
    (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error >&2 && npm run --silent build >&2)
  fi
}

seed_move_ports() {
  local dest=$1 base=$2
  [[ -f $dest/dist/find-dev-ports.js.orig ]] || cp "$dest/dist/find-dev-ports.js" "$dest/dist/find-dev-ports.js.orig"
  sed -e "s/base: 5001,/base: $base,/; s/base: 5101,/base: $((base + 10)),/; s/base: 5201,/base: $((base + 20)),/" \
      "$dest/dist/find-dev-ports.js.orig" >"$dest/dist/find-dev-ports.js"
  grep -q "base: $base," "$dest/dist/find-dev-ports.js" || { say "bench: could not move the seed's ports"; exit 1; }
}

seed_ports_yaml() {
  local file=$1 base=$2
  cat >"$file" <<EOF
ranges:
  DEVELOPMENT:   { base: $base, count: 4 }
  SECONDARY_DEV: { base: $((base + 10)), count: 4 }
  TERTIARY_DEV:  { base: $((base + 20)), count: 4 }
EOF
}
