#!/usr/bin/env bash
# Makes sure the tools `./taskrt test` needs beyond the JDK and Maven are installed: Debian's
# chromium (the HTML page's check, HtmlPageInChromiumTest) and gcc (the JNI libraries of the
# boundary and deep-native samples, NativeSortIT and DeepNativeIT). As root it installs what is
# missing with apt-get; otherwise it stops, saying what is missing and the command that installs
# it. It never lets a check be skipped.
#
# Temurin 25 is not a Debian package: the tests run a second time on it when it is installed (at
# /usr/lib/jvm/temurin-25-jdk-amd64, the path the poms and the agent's ITs read), and this script
# says so at the start of the run when it is not, so that the missing runs are never silent.
set -euo pipefail

JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ ! -x "$JDK25/bin/java" ]; then
  echo "taskrt test: Temurin 25 is not installed at $JDK25: the tests run on JDK 17 only and the" >&2
  echo "  JDK 25 runs are skipped (each skipped test says so); install Eclipse Temurin 25 there" >&2
  echo "  (Adoptium's packages or archive) to run them" >&2
fi

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "taskrt test: missing ${missing[*]}; install it first:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "taskrt test: installing ${missing[*]} (apt-get)" >&2
# A new machine's package lists may be empty or old: refresh them first. Another apt run may hold
# the lock for a while; wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
for tool in "${missing[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "taskrt test: $tool still missing" >&2; exit 1; }
done
