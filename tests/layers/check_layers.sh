#!/usr/bin/env bash
# The one-way dependencies of docs/architecture.md, checked on the built libraries: no library
# may need a symbol that only a library it must not depend on defines.
#   check_layers.sh NM ANALYSIS RULES REPORT CLI      (paths of the static libraries)
# analysis is the bottom; rules and report both stand on it and not on each other; cli is the
# top. A violation lists the symbol (demangled) and the library that defines it.
set -euo pipefail
nm_program=$1
declare -A lib=([analysis]=$2 [rules]=$3 [report]=$4 [cli]=$5)
# Which layers each layer must not use.
declare -A forbidden=(
  [analysis]="rules report cli"
  [rules]="report cli"
  [report]="rules cli"
)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in "${!lib[@]}"; do
  [[ -f ${lib[$name]} ]] || { echo "layers: no library ${lib[$name]}" >&2; exit 1; }
  # Strong definitions only: inline functions and templates (weak, W/V/u) are defined wherever
  # they are used.
  "$nm_program" --defined-only -g "${lib[$name]}" 2>/dev/null |
    awk 'NF == 3 && $2 ~ /^[TDBR]$/ { print $3 }' | sort -u >"$work/$name.defined"
  "$nm_program" -u "${lib[$name]}" 2>/dev/null | awk '{ print $NF }' | sort -u >"$work/$name.undefined"
done
status=0
for name in "${!forbidden[@]}"; do
  # Symbols a library needs and defines itself (another object of it) are no dependency.
  comm -23 "$work/$name.undefined" "$work/$name.defined" >"$work/$name.needed"
  for above in ${forbidden[$name]}; do
    comm -12 "$work/$name.needed" "$work/$above.defined" >"$work/violations"
    if [[ -s $work/violations ]]; then
      echo "layers: bucketlint_$name uses bucketlint_$above (dependencies must point down):"
      c++filt <"$work/violations" | sed 's/^/  /'
      status=1
    fi
  done
done
if [[ $status -eq 0 ]]; then
  echo "layers: analysis <- rules, report <- cli; no library uses one it must not"
fi
exit $status
