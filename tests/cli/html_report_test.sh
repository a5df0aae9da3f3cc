#!/usr/bin/env bash
# The HTML report as a person sees it: headless Chromium opens the report of
# samples/seed-2-bofc-still-403, takes a screenshot, and the page must log nothing to the console
# (no script error, no blocked request) and show the OW002 finding and the red graph edge. First,
# `bucketlint graph` in its three formats must draw that red edge (no browser needed).
#   html_report_test.sh BUCKETLINT SOURCE_DIR OUT_DIR
# Exits 77 (skipped) when Chromium (Debian package chromium) is not installed.
set -euo pipefail
bin=$1
src=$2
out_dir=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
fail() { echo "FAIL: $*"; status=1; }

# `bucketlint graph` first (needs no browser): every format, the red edge with its ID.
seed=$src/samples/seed-2-bofc-still-403
"$bin" graph --format mermaid "$seed" >"$work/graph.mmd" || fail "graph --format mermaid failed"
grep -q '|"can write OW002"|' "$work/graph.mmd" || fail "mermaid graph lacks the red write edge"
grep -q '^  linkStyle [0-9]* stroke:#c62828' "$work/graph.mmd" || fail "mermaid: no red linkStyle"
"$bin" graph "$seed" >"$work/graph.dot" || fail "graph (dot) failed"
grep -q 'label="can write\\nOW002", color="#c62828"' "$work/graph.dot" ||
  fail "dot graph lacks the red write edge"
BUCKETLINT_DOT= "$bin" graph --format svg -o "$work/graph.svg" "$seed" || fail "graph svg failed"
head -c 4 "$work/graph.svg" | grep -q '<svg' || fail "graph --format svg is not an SVG"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $chromium ]]; then
  [[ $status -eq 0 ]] || exit 1
  echo "skipped: chromium is not installed (apt-get install chromium); graph checks passed"
  exit 77
fi
mkdir -p "$out_dir"

# The report lives outside the sample: its links must still reach the inputs.
mkdir -p "$work/report"
set +e
(cd "$src/samples/seed-2-bofc-still-403" && "$bin" --format html -o "$work/report/report.html" .)
rc=$?
set -e
[[ $rc -eq 1 ]] || fail "bucketlint --format html exited $rc (want 1: an error finding)"
report=$work/report/report.html

run_chromium() {  # run_chromium ARGS...: stderr to $work/console
  HOME=$work timeout 120 "$chromium" --headless=new --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --disable-extensions --enable-logging=stderr --v=0 \
    --user-data-dir="$work/profile" "$@" 2>>"$work/console"
}
: >"$work/console"
run_chromium --window-size=1280,1400 --screenshot="$out_dir/report-seed-2.png" "file://$report" \
  >/dev/null
run_chromium --dump-dom "file://$report" >"$work/dom.html"

if grep -q ':CONSOLE' "$work/console"; then
  fail "the page logged to the console:"
  grep ':CONSOLE' "$work/console"
fi
[[ -s $out_dir/report-seed-2.png ]] || fail "no screenshot"
# The script ran (it fills in the count) and filtered nothing away.
grep -q '<span id="count">3 of 3 findings shown</span>' "$work/dom.html" ||
  fail "the filter script did not run or hid findings"
grep -q '<article class="finding" data-severity="error" data-rule="OW002"' "$work/dom.html" ||
  fail "the OW002 finding is not shown"
grep -Eq '<article class="finding"[^>]*hidden' "$work/dom.html" && fail "a finding is hidden"
# The red edge of the seed story: the uploader's writes, with the finding's ID.
grep -q 'OW002' <(sed -n '/<svg/,/<\/svg>/p' "$work/dom.html") ||
  fail "the graph names no OW002 edge"
grep -qi 'c62828' <(sed -n '/<svg/,/<\/svg>/p' "$work/dom.html") || fail "the graph has no red edge"
# Links are relative to the report and reach the inputs.
link=$(grep -o 'class="loc" href="[^"#]*' "$report" | head -n 1 | sed 's/.*href="//')
[[ -n $link && $link != /* && -f $work/report/$link ]] ||
  fail "the first location link '$link' does not reach its file from the report"
[[ $status -eq 0 ]] && echo "html report: no console output, finding and red edge shown;" \
  "screenshot $out_dir/report-seed-2.png"
exit $status
