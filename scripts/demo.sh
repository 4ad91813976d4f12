#!/usr/bin/env bash
# The main job: build, run the demo with a recording, report what its tasks did.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/demo
mkdir -p "$OUT"
echo "==> building (mvn package, tests skipped)" >&2
mvn -B -ntp -q -DskipTests package
CP="samples/target/classes:runtime-api/target/classes"
echo "==> running the demo with a recording: $OUT/demo.jfr" >&2
java -XX:StartFlightRecording=filename="$OUT/demo.jfr",dumponexit=true \
  -cp "$CP" dev.taskrt.samples.tour.Tour
echo "==> what the tasks did (jfr summary)" >&2
jfr summary "$OUT/demo.jfr" | grep -E "taskrt|Event Type" || true
