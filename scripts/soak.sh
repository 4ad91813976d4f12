#!/usr/bin/env bash
# ./taskrt soak [minutes]: build the agent and the soak server, copy what the run needs to
# target/soak (so a rebuild meanwhile cannot touch the running JVMs), then run two servers side by
# side, one under the agent and one without, each under the same load for that many minutes
# (default 10) after 30 s of warm-up, and print the report. Exit status 0 when the run was clean.
set -euo pipefail
cd "$(dirname "$0")/.."

MINUTES="${1:-10}"
OUT=target/soak
mkdir -p "$OUT"

echo "==> building the agent and the soak server (mvn package, tests skipped)" >&2
if ! mvn -B -ntp -Dstyle.color=never -DskipTests -pl soak -am package >"$OUT/build.log" 2>&1; then
  tail -n 40 "$OUT/build.log" >&2
  echo "==> the build failed; the whole log is $OUT/build.log" >&2
  exit 1
fi

rm -rf "$OUT/run"
mkdir -p "$OUT/run/lib"
cp agent/target/taskrt-agent.jar "$OUT/run/"
cp -r soak/target/classes "$OUT/run/classes"
cp soak/target/lib/*.jar "$OUT/run/lib/"
CP="$OUT/run/classes:$OUT/run/lib/*"

echo "==> soak: $MINUTES minute(s) of load, with and without the agent, side by side" >&2
java -Xmx256m \
  -Dtaskrt.agent.jar="$OUT/run/taskrt-agent.jar" \
  -Dtaskrt.soak.classpath="$CP" \
  -Dtaskrt.soak.work="$OUT" \
  -cp "$CP" dev.taskrt.soak.SoakRun --seconds "$((MINUTES * 60))" --warmup 30
