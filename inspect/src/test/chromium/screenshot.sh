#!/usr/bin/env bash
# Opens an inspect HTML page in headless Chromium, takes a screenshot and dumps the DOM after the
# page's scripts ran, then checks the page: the PNG exists and is not blank, and the timeline has
# one bar per task. Installs Debian's chromium package first if it is missing.
#
#   inspect/src/test/chromium/screenshot.sh PAGE.html OUT_DIR [EXPECTED_BARS]
#
# Writes OUT_DIR/page.png and OUT_DIR/dom.html; prints "bars: N"; exits non-zero if a check fails.
set -euo pipefail

page=$(realpath "$1")
out=$(realpath -m "$2")
expected=${3:-}
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium package" >&2
  # a new machine's package lists may be empty or old: refresh them first
  if [ "$(id -u)" -eq 0 ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq >/dev/null
    sudo apt-get install -y -qq chromium >/dev/null
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    echo "chromium is missing and could not be installed: run" \
      "'apt-get update && apt-get install -y chromium' as root" >&2
    exit 1
  fi
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Flags: no sandbox (root in a container), and no background networking (the machine's network
# is closed; the page fetches nothing).
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir="$profile" --virtual-time-budget=5000)

chromium "${flags[@]}" --window-size=1400,1000 --screenshot="$out/page.png" "file://$page" \
  >"$out/chromium.log" 2>&1
chromium "${flags[@]}" --dump-dom "file://$page" >"$out/dom.html" 2>>"$out/chromium.log"

test -s "$out/page.png" || { echo "no screenshot written" >&2; exit 1; }
# A blank page compresses to almost nothing; a rendered one with text and bars does not.
size=$(stat -c %s "$out/page.png")
if [ "$size" -lt 20000 ]; then
  echo "screenshot looks blank ($size bytes)" >&2
  exit 1
fi
bars=$(grep -o '<rect [^>]*class="bar ' "$out/dom.html" | wc -l)
echo "screenshot: $out/page.png ($size bytes)"
echo "bars: $bars"
if [ -n "$expected" ] && [ "$bars" -ne "$expected" ]; then
  echo "expected $expected bars, found $bars" >&2
  exit 1
fi
