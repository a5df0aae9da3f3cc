#!/usr/bin/env bash
# scripts/new-rule in a scratch copy of the sources: the files it writes, the registry lines in ID
# order, the refusals (bad ID, bad name, existing ID), and the generated rule, registry and unit
# test compile.
#   new_rule_test.sh SOURCE_DIR CXX
set -euo pipefail
src=$1
cxx=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src/include" "$src/analyzer" "$src/rules" "$src/.clang-format" "$work/"
mkdir -p "$work/tests/unit" "$work/samples" "$work/scripts"
cp "$src/tests/unit/lint_helpers.h" "$work/tests/unit/"
cp "$src/scripts/new-rule" "$work/scripts/"

fail() {
  echo "new_rule_test: $*" >&2
  exit 1
}
expect_refusal() {
  local why=$1
  shift
  if "$work/scripts/new-rule" "$@" >"$work/out" 2>&1; then fail "accepted $why: $*"; fi
  grep -q '^new-rule: ' "$work/out" || fail "no message for $why"
}

expect_refusal "a bad ID" OW06 writer-can-delete "objects can be deleted"
expect_refusal "a bad name" OW906 WriterCanDelete "objects can be deleted"
expect_refusal "a summary with a period" OW906 writer-can-delete "objects can be deleted."
expect_refusal "an existing ID" OW001 writer-can-delete "objects can be deleted"

# OW906 sorts between the OW and PL rules; AA901 before every rule; ZZ901 after every rule.
"$work/scripts/new-rule" OW906 writer-can-delete "another account can delete objects" >"$work/out"
"$work/scripts/new-rule" AA901 first-rule "a rule that sorts first" >/dev/null
"$work/scripts/new-rule" ZZ901 last-rule "a rule that sorts last" >/dev/null
expect_refusal "the same rule twice" OW906 writer-can-delete "another account can delete objects"
expect_refusal "an existing name" OW907 writer-can-delete "another account can delete objects"

for f in rules/ow906_writer_can_delete.cpp tests/unit/ow906_writer_can_delete_test.cpp \
  samples/ow906-writer-can-delete/README.md samples/ow906-writer-can-delete/bucket-policy.json \
  samples/ow906-writer-can-delete-fixed/README.md \
  samples/ow906-writer-can-delete-fixed/bucket-policy.json; do
  [[ -s $work/$f ]] || fail "missing $f"
done
[[ ! -e $work/samples/ow906-writer-can-delete/expected.txt ]] ||
  fail "expected.txt must come from a reviewed run, not from the script"
grep -q '\.id = "OW906"' "$work/rules/ow906_writer_can_delete.cpp" || fail "no ID in the rule"
grep -q '\.name = "writer-can-delete"' "$work/rules/ow906_writer_can_delete.cpp" ||
  fail "no name in the rule"

for file in registry.cpp registry_factories.h; do
  ids=$(grep -o '// [A-Z][A-Z][0-9][0-9][0-9]$' "$work/rules/$file" | cut -c4-)
  [[ $ids == "$(sort <<<"$ids")" ]] || fail "rules/$file is not in ID order"
  for id in AA901 OW906 ZZ901; do
    [[ $(grep -c "// $id\$" "$work/rules/$file") -eq 1 ]] || fail "$id not once in rules/$file"
  done
  [[ $(head -1 <<<"$ids") == AA901 && $(tail -1 <<<"$ids") == ZZ901 ]] ||
    fail "rules/$file: AA901 first and ZZ901 last"
  grep -q "make_writer_can_delete().*// OW906" "$work/rules/$file" ||
    fail "rules/$file: no factory line for OW906"
  # Untouched otherwise: every original line is still there.
  diff <(grep -v -e AA901 -e OW906 -e ZZ901 "$work/rules/$file" | tr -s ' ') \
    <(tr -s ' ' <"$src/rules/$file") >/dev/null || fail "rules/$file changed beyond the new lines"
done

# The generated code compiles (syntax and types) against the real headers.
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror
  -I"$work/include" -I"$work/analyzer" -I"$work/rules" -I"$work/tests/unit")
"$cxx" "${flags[@]}" "$work/rules/ow906_writer_can_delete.cpp"
"$cxx" "${flags[@]}" "$work/rules/registry.cpp"
"$cxx" "${flags[@]}" "$work/tests/unit/ow906_writer_can_delete_test.cpp"
echo "new_rule_test: skeleton written in ID order, refusals work, generated code compiles"
