#!/usr/bin/env bash
# Checks that dependencies point one way. The import map is derived from the
# `#include "dir/..."` lines of src/, include/, tools/cli/ and python/src/; every edge
# between two modules must be listed in ALLOWED below, so an arrow against
# the flow (a lower floor including a higher one) fails the check.
#
#   scripts/check-layers.sh [ROOT]        check ROOT (default: this checkout)
#   scripts/check-layers.sh --map [ROOT]  print the import map (edge, count)
#
# A module is src/<dir> (src/format/<fmt> and src/lake/<fmt> count as one
# each; subfolders such as src/read/merge belong to their parent). Includes of
# the public headers (fluss_native/...) are allowed everywhere except that
# the generated wire messages (fluss_native/wire/) belong to rpc. Public
# headers (include/) may include only public headers; the CLI (tools/cli)
# and the Python module (python/src) only public headers and their own
# files, as any host would.
set -euo pipefail

MAP_ONLY=0
if [[ "${1:-}" == "--map" ]]; then MAP_ONLY=1; shift; fi
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

# The floors, lowest first:
#   common, obs → rpc → cluster → catalog → plan → read → client (the façade)
#   → capi (the C ABI over the façade's public headers, plus the Arrow
#   schema export of format/arrow)
# beside them the formats (codec under arrow and avro; logbatch and parquet
# on arrow), lake/ on top of the formats, and expr (predicates: parse, bind,
# evaluate over Arrow batches) on common and format/arrow. A module may include its own
# floor's neighbours listed here and anything lower; nothing else.
FORMATS="format/codec format/arrow format/avro format/logbatch format/parquet format/row format/keys"
BELOW_PLAN="common obs rpc cluster catalog expr"
declare -A ALLOWED=(
  [common]=""
  [obs]="common"
  [rpc]="common obs"
  [cluster]="common obs rpc"
  [catalog]="common obs rpc cluster"
  [plan]="$BELOW_PLAN $FORMATS lake/paimon"
  [read]="$BELOW_PLAN plan $FORMATS lake/paimon"
  [client]="$BELOW_PLAN plan read $FORMATS lake/paimon"
  [capi]="common format/codec format/arrow"
  [expr]="common format/arrow"
  [format/codec]="common"
  [format/arrow]="common format/codec"
  [format/avro]="common format/codec"
  [format/logbatch]="common format/codec format/arrow"
  [format/parquet]="common format/codec format/arrow"
  [format/row]="common format/codec format/arrow"
  [format/keys]="common format/codec format/arrow"
  [lake/paimon]="common obs $FORMATS"
  [include]=""
  [tools/cli]=""
  [python/src]=""
)

module_of_src() {  # src/a/b/... -> a, or a/b for format/ and lake/
  local rel="${1#src/}"
  local first="${rel%%/*}"
  if [[ "$first" == format || "$first" == lake ]]; then
    local rest="${rel#*/}"
    echo "$first/${rest%%/*}"
  else
    echo "$first"
  fi
}

module_of_include() {  # an include path -> module, or "public", or "" (local)
  local inc="$1"
  case "$inc" in
    fluss_native/wire/*) echo rpc ;;
    fluss_native/*) echo public ;;
    */*)
      local first="${inc%%/*}"
      if [[ "$first" == format || "$first" == lake ]]; then
        local rest="${inc#*/}"
        echo "$first/${rest%%/*}"
      else
        echo "$first"
      fi ;;
    *) echo "" ;;
  esac
}

cd "$ROOT"
edges=()
while IFS= read -r line; do
  file="${line%%:*}"
  inc="${line#*\"}"
  inc="${inc%%\"*}"
  case "$file" in
    src/*) from="$(module_of_src "$file")" ;;
    include/*) from=include ;;
    tools/cli/*) from=tools/cli ;;
    python/src/*) from=python/src ;;
    *) continue ;;
  esac
  to="$(module_of_include "$inc")"
  # Same-directory includes ("foo.h") of a source file and generated headers
  # named without a folder stay inside the module.
  [[ -z "$to" ]] && continue
  edges+=("$from -> $to|$file: #include \"$inc\"")
done < <(grep -rEo '^[[:space:]]*#[[:space:]]*include[[:space:]]+"[^"]+"' src include tools/cli python/src 2>/dev/null |
         sed -E 's/:[[:space:]]*#[[:space:]]*include[[:space:]]+/:/')

if [[ $MAP_ONLY -eq 1 ]]; then
  printf '%s\n' "${edges[@]}" | cut -d'|' -f1 | grep -v -- '-> public$' | awk '{split($0,a," -> "); if (a[1]!=a[2]) print}' |
    sort | uniq -c | sort -k2
  exit 0
fi

bad=0
for e in "${edges[@]}"; do
  edge="${e%%|*}"
  where="${e#*|}"
  from="${edge%% -> *}"
  to="${edge##* -> }"
  [[ "$from" == "$to" || "$to" == public ]] && continue
  if [[ -z "${ALLOWED[$from]+x}" ]]; then
    echo "check-layers: $where: module '$from' is not in the layer list (scripts/check-layers.sh)" >&2
    bad=1
    continue
  fi
  if [[ " ${ALLOWED[$from]} " != *" $to "* ]]; then
    echo "check-layers: $where: $from -> $to points against the layers" >&2
    bad=1
  fi
done
if [[ $bad -ne 0 ]]; then
  echo "check-layers: FAILED (allowed edges are listed in scripts/check-layers.sh)" >&2
  exit 1
fi
echo "check-layers: ${#edges[@]} includes, every edge between modules follows the layers"
