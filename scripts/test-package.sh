#!/usr/bin/env bash
# Builds the Debian package from a configured build directory, installs it on this machine with
# apt-get, runs the installed bucketlint (--version, man page, bash completion, one sample) and
# removes the package again. Needs root (or sudo) and dpkg-dev; CI runs it (.ci/run).
#   scripts/test-package.sh [BUILD_DIR]      (default build)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build}
sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
if dpkg-query -W -f='${Status}' bucketlint 2>/dev/null | grep -q 'install ok installed'; then
  echo "test-package: a bucketlint package is already installed; not touching it" >&2
  exit 1
fi

cmake --build "$build_dir"
rm -f "$build_dir"/bucketlint_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null)
debs=("$build_dir"/bucketlint_*.deb)
deb=${debs[0]}
echo "test-package: built $deb ($(du -k "$deb" | cut -f1) KiB)"
depends=$(dpkg-deb --field "$deb" Depends)
echo "test-package: Depends: $depends"
# A static PIE (BUCKETLINT_STATIC, the default with g++) needs no shared library, so no Depends;
# a dynamic build needs dpkg-shlibdeps' list.
needed=$(readelf -d "$build_dir/bucketlint" | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p')
if [[ -z $needed ]]; then
  if readelf -l "$build_dir/bucketlint" | grep -q INTERP; then
    echo "test-package: bucketlint needs no library but names a dynamic loader" >&2
    exit 1
  fi
  echo "test-package: bucketlint is statically linked: no library in Depends needed"
else
  for lib in libc6 libstdc++6 libre2 libfmt libyaml-cpp; do
    grep -q "$lib" <<<"$depends" || { echo "test-package: Depends lacks $lib" >&2; exit 1; }
  done
fi

cleanup() { "${sudo[@]}" apt-get remove -y bucketlint >/dev/null 2>&1 || true; }
trap cleanup EXIT
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y "./$deb" >/dev/null
status=0
fail() { echo "test-package: FAIL: $*" >&2; status=1; }
[[ $(command -v bucketlint) == /usr/bin/bucketlint ]] || fail "bucketlint is not /usr/bin/bucketlint"
/usr/bin/bucketlint --version | grep -q '^commit: ' || fail "--version prints no commit"
/usr/bin/bucketlint --version
[[ -f /usr/share/doc/bucketlint/rules/OW001.md ]] || fail "rule docs are not installed"
if [[ -f tools/collect/bucketlint-collect ]]; then
  [[ -x /usr/bin/bucketlint-collect ]] || fail "the collector is not installed"
fi
if command -v man >/dev/null; then
  man -w bucketlint >/dev/null 2>&1 || fail "man cannot find bucketlint(1)"
fi
# bash completion from the installed file (as bash-completion loads it).
words=$(bash -c 'source /usr/share/bash-completion/completions/bucketlint
  COMP_WORDS=(bucketlint explain OW00); COMP_CWORD=2; _bucketlint; echo "${COMPREPLY[*]}"')
# Expected: every OW00x rule the installed binary lists (new rules must not break this test).
expected=$(/usr/bin/bucketlint rules | awk '$1 ~ /^OW00/ { printf "%s%s", sep, $1; sep = " " }')
[[ -n $expected && $words == "$expected" ]] ||
  fail "installed bash completion gave '$words', the rules are '$expected'"
# One sample with the installed binary: the seed story, exit 1 with the OW002 finding.
set +e
out=$(cd samples/seed-2-bofc-still-403 && /usr/bin/bucketlint --no-color .)
rc=$?
set -e
[[ $rc -eq 1 && $out == *"[OW002]"* ]] || fail "installed bucketlint on seed-2: exit $rc"

cleanup
trap - EXIT
[[ ! -e /usr/bin/bucketlint ]] || fail "apt-get remove left /usr/bin/bucketlint"
[[ $status -eq 0 ]] && echo "test-package: installed, ran and removed $deb"
exit $status
