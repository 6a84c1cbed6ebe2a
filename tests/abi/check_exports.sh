#!/usr/bin/env bash
# Fails unless every symbol libfluss_native.so defines in its dynamic table is
# the public API: a name in namespace fluss_native whose first component is a
# public (capitalised) name or a free function of the public headers, with its
# vtable/typeinfo, or a C ABI function fluss_native_*. Internal namespaces
# (fluss_native::rpc, ::wire, ...) and foreign code (std::, google::protobuf,
# apache::thrift, fmt) must not be there.
#
# Usage: check_exports.sh LIB [ALLOW_LIST [NEEDED_FORBIDDEN_REGEX]]
# With ALLOW_LIST (tests/abi/exports.allow), every exported symbol's
# demangled name (parameters and [abi:] tags dropped) must be a line of it
# or match one of its glob lines. With NEEDED_FORBIDDEN_REGEX, no DT_NEEDED
# entry of LIB may match it (the dependencies linked in statically).
set -euo pipefail
lib="$1"
allow="${2:-}"
forbidden_needed="${3:-}"
symbols="$(nm -D --defined-only "$lib" | awk '{print $3}')"
[[ -n "$symbols" ]] || { echo "no dynamic symbols in $lib" >&2; exit 1; }
bad=0
count=0
while IFS= read -r mangled; do
  [[ -z "$mangled" ]] && continue
  count=$((count + 1))
  if [[ "$mangled" == fluss_native_* ]]; then continue; fi  # the C ABI
  name="$(c++filt "$mangled")"
  stripped="${name#vtable for }"
  stripped="${stripped#typeinfo name for }"
  stripped="${stripped#typeinfo for }"
  stripped="${stripped#VTT for }"
  stripped="${stripped#non-virtual thunk to }"
  stripped="${stripped#virtual thunk to }"
  # fluss_native::Name... or fluss_native::FreeFunction(...): never a lower-case
  # nested namespace such as fluss_native::rpc::.
  if [[ "$stripped" =~ ^fluss_native::[A-Za-z_][A-Za-z0-9_]*(::|\(|<|\[abi:|$) ]] &&
     ! [[ "$stripped" =~ ^fluss_native::[a-z][a-z0-9_]*:: ]]; then
    continue
  fi
  echo "not public API: $name ($mangled)" >&2
  bad=$((bad + 1))
done <<< "$symbols"
if [[ "$bad" -gt 0 ]]; then
  echo "$bad of $count exported symbols are not fluss_native's public API" >&2
  exit 1
fi
for want in 'fluss_native::Client::Open' 'fluss_native::Status::ToString' 'fluss_native::Status::WithContext' \
            'fluss_native::StatusCodeName' 'fluss_native::ParseDataTypeJson'; do
  if ! grep -qF "$want" <<< "$(c++filt <<< "$symbols")"; then
    echo "missing export: $want" >&2
    exit 1
  fi
done
if [[ -n "$allow" ]]; then
  mapfile -t allowed < <(grep -v '^#' "$allow" | grep -v '^[[:space:]]*$')
  not_allowed=0
  while IFS= read -r name; do
    [[ -z "$name" ]] && continue
    ok=0
    for pattern in "${allowed[@]}"; do
      # shellcheck disable=SC2053  # a glob on purpose
      if [[ "$name" == $pattern ]]; then ok=1; break; fi
    done
    if [[ "$ok" -eq 0 ]]; then
      echo "exported but not in $(basename "$allow"): $name" >&2
      not_allowed=$((not_allowed + 1))
    fi
  done < <(c++filt <<< "$symbols" | sed 's/(.*//; s/\[abi:[a-z0-9]*\]//g' | sort -u)
  if [[ "$not_allowed" -gt 0 ]]; then
    echo "$not_allowed exported names are not in the allow-list $allow" >&2
    exit 1
  fi
fi
if [[ -n "$forbidden_needed" ]]; then
  needed="$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')"
  if grep -E "$forbidden_needed" <<< "$needed" >&2; then
    echo "$lib needs the shared libraries above, which are to be linked in statically" >&2
    exit 1
  fi
fi
echo "$count exported symbols, all public API${allow:+ and in the allow-list}"
