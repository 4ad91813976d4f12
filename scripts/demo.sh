#!/usr/bin/env bash
# The main job (./taskrt demo): build the agent, inspect and the samples; run the samples' tour
# under the agent with a recording; print inspect's summary and task tree of that recording; and
# write its HTML report. Progress goes to stderr, one line per step; the tour's own error output
# (the runtime's reports of failed tasks) goes to target/demo/tour.err, the build's to build.log.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=target/demo
AGENT=agent/target/taskrt-agent.jar
INSPECT_JAR=inspect/target/taskrt-inspect-0.1.0-SNAPSHOT.jar
JFR="$OUT/demo.jfr"
PAGE="$OUT/report.html"

step() { echo "==> $*" >&2; }
inspect() {
  # inspect is built in its own module; the agent's command line finds it on the class path.
  java -Xmx256m -cp "$AGENT:$INSPECT_JAR" dev.taskrt.agent.TaskrtAgent inspect "$@"
}

mkdir -p "$OUT"
rm -f "$JFR" "$PAGE"

step "building the agent, inspect and the samples (mvn package, tests skipped)"
if ! mvn -B -ntp -Dstyle.color=never -DskipTests -pl samples,inspect -am package \
  >"$OUT/build.log" 2>&1; then
  tail -n 40 "$OUT/build.log" >&2
  step "the build failed; the whole log is $OUT/build.log"
  exit 1
fi

NATIVE="$OUT/native"
mkdir -p "$NATIVE"
if command -v gcc >/dev/null 2>&1; then
  step "building the boundary sample's JNI library with gcc"
  JHOME=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
  gcc -shared -fPIC -O2 -I"$JHOME/include" -I"$JHOME/include/linux" \
    -o "$NATIVE/libnativesort.so" samples/src/main/native/native_sort.c
else
  step "gcc not found: the tour will skip the boundary sample"
fi

step "running the tour under the agent, recording to $JFR"
java -Xmx256m "-javaagent:$AGENT=jfr=$JFR" -Djava.library.path="$NATIVE" \
  -cp samples/target/classes dev.taskrt.samples.tour.Tour 2>"$OUT/tour.err"
echo

step "what the tasks did: inspect summary"
inspect "$JFR" summary
echo

step "who started whom: inspect tree"
inspect "$JFR" tree
echo

step "writing the HTML report"
inspect "$JFR" summary --html "$PAGE" >/dev/null
step "done: open $PAGE (tour stderr: $OUT/tour.err)"
