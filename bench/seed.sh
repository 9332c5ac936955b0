# shellcheck shell=bash
# Sourced by the benches that pair their figures with the seed: the TypeScript original launch
# replaces, a checkout of it named by LAUNCH_SEED.
#   seed_build DEST   copies it to DEST, installs it with npm and builds it with its own
#                     `npm run build`, unless DEST already holds this very seed, built.
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
