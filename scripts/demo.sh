#!/usr/bin/env bash
# The main job (./taskrt demo): build the agent, inspect and the samples; run the samples' tour
# under the agent with a recording, and take one live snapshot of it with top --once while its
# last step holds tasks blocked; print inspect's summary and task tree of that recording; write its HTML report; and show
# the live snapshot. Progress goes to stderr, one line per step; the tour's own error output
# (the runtime's reports of failed tasks) goes to target/demo/tour.err, the build's to build.log.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/demo
AGENT=agent/target/taskrt-agent.jar
JFR="$OUT/demo.jfr"
PAGE="$OUT/report.html"

step() { echo "==> $*" >&2; }
inspect() { java -Xmx256m -jar "$AGENT" inspect "$@"; }

mkdir -p "$OUT"
rm -f "$JFR" "$PAGE"

step "building the agent, inspect and the samples (mvn package, tests skipped)"
if ! mvn -B -ntp -Dstyle.color=never -DskipTests -pl samples -am package \
  >"$OUT/build.log" 2>&1; then
  tail -n 40 "$OUT/build.log" >&2
  step "the build failed; the whole log is $OUT/build.log"
  exit 1
fi

NATIVE="$OUT/native"
mkdir -p "$NATIVE"
if command -v gcc >/dev/null 2>&1; then
  step "building the boundary and deep-native samples' JNI libraries with gcc"
  JHOME=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
  gcc -shared -fPIC -O2 -I"$JHOME/include" -I"$JHOME/include/linux" \
    -o "$NATIVE/libnativesort.so" samples/src/main/native/native_sort.c
  gcc -shared -fPIC -O2 -I"$JHOME/include" -I"$JHOME/include/linux" \
    -o "$NATIVE/libdeepnative.so" samples/src/main/native/deep_native.c
else
  step "gcc not found: the tour will skip the boundary sample"
fi

# The legacy order service knows nothing of taskrt: these two patterns give it task contexts.
LEGACY="tasks=dev.taskrt.samples.legacy.OrderService[handle]"
LEGACY="$LEGACY,threadLocals=dev.taskrt.samples.legacy.RequestContext[REQUEST_ID]"

step "running the tour under the agent, recording to $JFR; top watches it once"
TOP="$OUT/top.txt"
HOLD="$OUT/top.done"
READY="live: 3 tasks held blocked until top has looked"
rm -f "$OUT/tour.out" "$TOP" "$HOLD"
# The tour's last step holds three tasks blocked (on a pipe, a join, a full pipe) until $HOLD
# exists (at most a minute), so top finds them live; it prints $READY once they are.
java -Xmx256m "-javaagent:$AGENT=jfr=$JFR,$LEGACY" -Djava.library.path="$NATIVE" \
  "-Dtour.holdFile=$HOLD" -cp samples/target/classes dev.taskrt.samples.tour.Tour \
  >"$OUT/tour.out" 2>"$OUT/tour.err" &
TOUR=$!
# Once the held tasks are blocked, take one live snapshot of the tour (waits at most two minutes).
for _ in $(seq 1 2400); do
  grep -qxF "$READY" "$OUT/tour.out" 2>/dev/null || ! kill -0 "$TOUR" 2>/dev/null && break
  sleep 0.05
done
java -jar "$AGENT" top "$TOUR" --once --interval 250ms >"$TOP" 2>&1 || true
touch "$HOLD"
wait "$TOUR"
cat "$OUT/tour.out"
echo

step "what the tasks did: inspect summary"
inspect "$JFR" summary
echo

step "who started whom: inspect tree"
inspect "$JFR" tree
echo

step "writing the HTML report"
inspect "$JFR" summary --html "$PAGE" >/dev/null

step "what was live while the tour ran: top --once against it"
cat "$TOP"
echo
step "done: open $PAGE (tour stderr: $OUT/tour.err)"
