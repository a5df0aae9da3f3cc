#!/usr/bin/env bash
# Installs what building and testing bucketlint needs on Debian 12 (bookworm). Run as root (or
# with sudo available). Skips apt-get entirely when every package is already installed.
#   scripts/setup-deps.sh [--with-report-tools]
# --with-report-tools also installs graphviz (the HTML report's graph layout; bucketlint falls
# back to a built-in layout without it) and chromium (the html_report test opens the report in
# headless Chromium and is skipped without it). CI uses it; about 20 s and 50 s to install.
set -euo pipefail
packages=(cmake ninja-build g++ clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14 nlohmann-json3-dev libcli11-dev libre2-dev
  libfmt-dev libyaml-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev pkg-config python3
  groff-base bash-completion dpkg-dev file python3-jsonschema git pre-commit)
if [[ ${1:-} == --with-report-tools ]]; then packages+=(graphviz chromium); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "setup-deps: all ${#packages[@]} packages already installed"
  exit 0
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
echo "setup-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${packages[@]}"
