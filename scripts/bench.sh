#!/usr/bin/env bash
# ./taskrt bench [quick|full]: every row of DESIGN §7's budget table, each side by side with its
# baseline in rounds, printed as a table (measured ratio or difference, 95% interval, budget,
# met/missed) and written as Markdown to docs/results/bench-<UTC date>-<commit>-<mode>.md, with the
# date, commit, machine, JDK and each row's own command. A progress line per row goes to stderr.
#
#   quick  3 rounds of short JMH forks, fewer start-up runs, no whole-suite row (about 6 min on
#          2 cores)
#   full   4 rounds of longer forks, the whole suite 3 times each way (about 35 min on 2 cores)
#
# Environment:
#   TASKRT_BENCH_SKIP_BUILD=1   use the jars already built (the header says so)
#   TASKRT_BENCH_IGNORE_LOCK=1  run even while another JMH run holds /tmp/jmh.lock (the header
#                               says so: figures taken while other benchmarks run are noisier)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-quick}
case $mode in
  quick | full) ;;
  *)
    echo "usage: ./taskrt bench [quick|full]" >&2
    exit 2
    ;;
esac
command_text=${TASKRT_COMMAND:-scripts/bench.sh $mode}

# ---- settings of the two modes ---------------------------------------------------------------
if [ "$mode" = quick ]; then
  jmh=(--rounds 3 --warmup 2 --iterations 2 --time 200)
  main_jvms=3 main_rounds=3 main_loop_ms=60
  h2_rounds=5 hello_rounds=10
  spawned=(--rounds 3 --warmup 1 --iterations 1 --param tasks=100000)
  synchronous=(--rounds 3 --warmup 1 --iterations 1)
  suite_runs=0
  settings="quick: JMH rows 3 rounds of one fork per variant (2 x 200 ms warm-up, 2 x 200 ms measured); main-thread rows 3 JVMs of 3 rounds of 60 ms loops (a JVM's median is its round); H2 start-up 5 rounds, Hello 10 rounds; spawned-task row 100,000 tasks per run, not a million; whole-suite rows not run"
else
  jmh=(--rounds 4 --warmup 3 --iterations 4 --time 1000)
  main_jvms=10 main_rounds=5 main_loop_ms=200
  h2_rounds=15 hello_rounds=30
  spawned=(--rounds 3 --warmup 1 --iterations 2)
  synchronous=(--rounds 4 --warmup 1 --iterations 3)
  suite_runs=3
  settings="full: JMH rows 4 rounds of one fork per variant (3 x 1 s warm-up, 4 x 1 s measured); main-thread rows 10 JVMs of 5 rounds of 200 ms loops (a JVM's median is its round); H2 start-up 15 rounds, Hello 30 rounds; a million tasks per run; whole suite 3 runs each way"
fi

# ---- tools ------------------------------------------------------------------------------------
for tool in java javac jar mvn git; do
  command -v "$tool" >/dev/null || {
    echo "taskrt bench: '$tool' is needed and not on the PATH" >&2
    exit 1
  }
done
if [ ! -x /usr/bin/time ]; then
  echo "taskrt bench: installing GNU time (peak RSS of the start-up rows)" >&2
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
[ -x /usr/bin/time ] || {
  echo "taskrt bench: /usr/bin/time (GNU time) is needed for peak RSS; apt-get install time" >&2
  exit 1
}

# ---- build ------------------------------------------------------------------------------------
if [ "${TASKRT_BENCH_SKIP_BUILD:-}" = 1 ]; then
  built="not rebuilt (TASKRT_BENCH_SKIP_BUILD=1): the jars in agent/target and bench/target as found"
else
  echo "taskrt bench: building the agent and the benchmarks (mvn -pl agent,bench -am package)" >&2
  mkdir -p target
  mvn -B -ntp -q -pl agent,bench -am package -DskipTests >target/bench-build.log 2>&1 || {
    tail -40 target/bench-build.log >&2
    echo "taskrt bench: the build failed (target/bench-build.log)" >&2
    exit 1
  }
  built="built by this command from the commit below"
fi
bench_jar=bench/target/benchmarks.jar
agent_jar=agent/target/taskrt-agent.jar
for f in "$bench_jar" "$agent_jar" agent/target/test-classes/itapps/LoadJarClasses.class; do
  [ -f "$f" ] || {
    echo "taskrt bench: $f is missing; build with mvn -B -ntp -pl agent,bench -am package -DskipTests" >&2
    exit 1
  }
done

# ---- the run's facts --------------------------------------------------------------------------
day=$(date -u +%Y-%m-%d)
commit=$(git rev-parse --short HEAD)
dirty=""
git diff --quiet HEAD -- 2>/dev/null || dirty=" (with uncommitted changes)"
work=target/bench/$mode-$(date -u +%Y%m%dT%H%M%S)
mkdir -p "$work" docs/results
results=$work/results.tsv
markdown=docs/results/bench-$day-$commit-$mode.md
load() { cut -d' ' -f1-3 /proc/loadavg; }
started=$(date +%s)
jmh_lock=()
lock_note="respected (a row fails if another JMH run holds /tmp/jmh.lock)"
if [ "${TASKRT_BENCH_IGNORE_LOCK:-}" = 1 ]; then
  jmh_lock=(-Djmh.ignoreLock=true)
  lock_note="ignored (TASKRT_BENCH_IGNORE_LOCK=1): other benchmarks may have run at the same time"
fi
{
  printf 'meta\tdate\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'meta\tcommit\t%s%s (%s)\n' "$commit" "$dirty" "$(git log -1 --format=%s | cut -c1-100)"
  printf 'meta\tmachine\t%s cores (nproc), %s\n' "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  printf 'meta\tload average at start\t%s\n' "$(load)"
  printf 'meta\tJDK\t%s\n' "$(java -version 2>&1 | sed -n 2p)"
  printf 'meta\tcommand\t%s\n' "$command_text"
  printf 'meta\tmode\t%s\n' "$settings"
  printf 'meta\tjars\t%s\n' "$built"
  printf 'meta\tJMH lock\t%s\n' "$lock_note"
} >"$results"

# ---- steps ------------------------------------------------------------------------------------
total=20
step=0
failed=0
progress() {
  step=$((step + 1))
  echo "[$step/$total] $* ..." >&2
}
# note ROW TEXT / command ROW TEXT / skip ROW REASON: a record of the results file
record() {
  local IFS=$'\t'
  printf '%s\n' "$*" >>"$results"
}
# measure LOG ROWS -- COMMAND...: runs COMMAND (output to LOG); on failure every row in ROWS
# (comma-separated) is marked failed in the table
measure() {
  local log=$work/$1 rows=$2 status=0
  shift 3
  set +e
  (
    set -e
    "$@"
  ) >"$log" 2>&1
  status=$?
  set -e
  if [ "$status" != 0 ]; then
    failed=1
    local row
    for row in ${rows//,/ }; do
      record skip "$row" "failed: exit status $status, see $log"
    done
    echo "    failed, see $log:" >&2
    tail -5 "$log" | sed 's/^/    /' >&2
  fi
}
rounds_cmd=(java "${jmh_lock[@]}" -cp "$bench_jar" dev.taskrt.bench.RoundsRatio --emit)
# jmh_row LOG ROWS CLASS ARGS...: a JMH row in rounds, its command recorded
jmh_row() {
  local log=$1 rows=$2 class=$3
  shift 3
  local row
  for row in ${rows//,/ }; do
    record command "$row" "${rounds_cmd[*]} results.tsv $* dev.taskrt.bench.$class"
  done
  measure "$log" "$rows" -- "${rounds_cmd[@]}" "$results" "$@" "dev.taskrt.bench.$class"
}
main_cmd=(java -Xmx256m -XX:CompileCommand=quiet
  "-XX:CompileCommand=dontinline,dev.taskrt.bench.mainthread.MainThreadOps::*"
  -cp "$bench_jar" dev.taskrt.bench.mainthread.MainThreadRounds)
# main_row OP: main_jvms JVMs one after the other, each appending one pair (the median of its
# rounds): what a call costs can depend on the JVM's compilation, so one JVM is not a sample
main_row() {
  local op=$1 row=$1-main
  record command "$row" "${main_cmd[*]} $op $row results.tsv $main_rounds $main_loop_ms"
  record command "$row" "# run $main_jvms times, one JVM after the other; each JVM appends one pair, the median of its $main_rounds rounds"
  main_jvms_run() {
    local j
    for j in $(seq 1 "$main_jvms"); do
      "${main_cmd[@]}" "$op" "$row" "$results" "$main_rounds" "$main_loop_ms"
    done
  }
  measure "$row.log" "$row" -- main_jvms_run
}

# start-up: JVMs timed one by one, the variants' order rotating from round to round
h2=$HOME/.m2/repository/com/h2database/h2/2.5.252/h2-2.5.252.jar
startup_tools() {
  [ -f "$h2" ] || mvn -B -q dependency:get -Dartifact=com.h2database:h2:2.5.252 >/dev/null
  mkdir -p "$work/empty/e" "$work/hello"
  cat >"$work/empty/e/EmptyAgent.java" <<'JAVA'
package e;
public class EmptyAgent { public static void premain(String a, java.lang.instrument.Instrumentation i) {} }
JAVA
  cat >"$work/hello/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("Hello"); } }
JAVA
  javac -d "$work/empty" "$work/empty/e/EmptyAgent.java"
  javac -d "$work/hello" "$work/hello/Hello.java"
  printf 'Premain-Class: e.EmptyAgent\n' >"$work/empty/m.txt"
  jar cfm "$work/empty-agent.jar" "$work/empty/m.txt" -C "$work/empty" e/EmptyAgent.class
}
# time_jvm OUT ARGS...: runs java ARGS, appends "wall_ms peak_rss_MiB" to OUT
time_jvm() {
  local out=$1
  shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f %M -o "$out.rss" java "$@" >/dev/null
  t1=$(date +%s%N)
  echo "$(((t1 - t0) / 1000)) $(cat "$out.rss")" |
    awk '{printf "%.3f %.2f\n", $1 / 1000, $2 / 1024}' >>"$out"
}
# startup WORKLOAD ROUNDS VARIANTS...: rounds of one JVM per variant; files $work/WORKLOAD-VARIANT
startup() {
  local workload=$1 rounds=$2
  shift 2
  local variants=("$@") n=$# r k v
  local -A opts=([none]="" [empty]="-javaagent:$work/empty-agent.jar" [taskrt]="-javaagent:$agent_jar")
  rm -f "$work/$workload"-*
  for ((r = 0; r < rounds; r++)); do
    for ((k = 0; k < n; k++)); do
      v=${variants[$(((r + k) % n))]}
      if [ "$workload" = h2 ]; then
        # shellcheck disable=SC2086
        time_jvm "$work/$workload-$v" ${opts[$v]} -cp agent/target/test-classes itapps.LoadJarClasses "$h2"
      else
        # shellcheck disable=SC2086
        time_jvm "$work/$workload-$v" ${opts[$v]} -cp "$work/hello" Hello
      fi
    done
  done
}
# pairs ROW MEASURE COLUMN BASEFILE VARIANTFILE: a pair record per line of the two files
pairs() {
  paste -d' ' "$4" "$5" | awk -v row="$1" -v m="$2" -v c="$3" -v n="$(head -1 "$4" | wc -w)" \
    '{printf "pair\t%s\t%s\t%s\t%s\n", row, m, $c, $(c + n)}' >>"$results"
}

startup_h2() {
  startup_tools
  startup h2 "$h2_rounds" none empty taskrt
  record unit startup-h2 wall ms
  record unit startup-h2 rss MiB
  record unit startup-h2-empty wall ms
  record unit startup-h2-empty rss MiB
  pairs startup-h2 wall 1 "$work/h2-none" "$work/h2-taskrt"
  pairs startup-h2 rss 2 "$work/h2-none" "$work/h2-taskrt"
  pairs startup-h2-empty wall 1 "$work/h2-none" "$work/h2-empty"
  pairs startup-h2-empty rss 2 "$work/h2-none" "$work/h2-empty"
}
startup_hello() {
  startup hello "$hello_rounds" empty taskrt none
  record unit startup-hello wall ms
  record unit startup-hello rss MiB
  pairs startup-hello wall 1 "$work/hello-empty" "$work/hello-taskrt"
  pairs startup-hello rss 2 "$work/hello-empty" "$work/hello-taskrt"
  record note startup-hello "$(awk '{s += $1} END {printf "no agent at all: %.1f ms wall (mean of %d)", s / NR, NR}' "$work/hello-none")"
}

progress "start-up: load every class of H2, no agent / empty agent / taskrt ($h2_rounds rounds)"
h2_cmd="-cp agent/target/test-classes itapps.LoadJarClasses ~/.m2/repository/com/h2database/h2/2.5.252/h2-2.5.252.jar"
for row in startup-h2 startup-h2-empty; do
  record command "$row" "/usr/bin/time -f %M java $h2_cmd"
  record command "$row" "/usr/bin/time -f %M java -javaagent:empty-agent.jar $h2_cmd"
  record command "$row" "/usr/bin/time -f %M java -javaagent:$agent_jar $h2_cmd"
  record command "$row" "# each timed by the wall clock, $h2_rounds rounds, the order rotating; empty-agent.jar: a premain that does nothing (built by scripts/bench.sh; agent/scripts/startup-ratio.sh ROUNDS runs the same and prints medians)"
done
measure startup-h2.log startup-h2,startup-h2-empty -- startup_h2

progress "start-up: a one-line Hello, empty agent / taskrt ($hello_rounds rounds)"
record command startup-hello "/usr/bin/time -f %M java -javaagent:empty-agent.jar -cp hello Hello"
record command startup-hello "/usr/bin/time -f %M java -javaagent:$agent_jar -cp hello Hello"
record command startup-hello "# each timed by the wall clock, $hello_rounds rounds, the order rotating, with a run without agent; Hello.java: System.out.println(\"Hello\") in main"
measure startup-hello.log startup-hello -- startup_hello

threads=(taskthread main pool)
declare -A thread_names=([taskthread]="a TaskThread" [main]="main" [pool]="a pool thread")
declare -A ops=([frame]="FrameBench plain framed" [task]="TaskRunBench plainCall taskEnterExit"
  [tasklocal]="TaskLocalBench threadLocalGet taskLocalGet")
declare -A op_names=([frame]="@Frame call" [task]="@Task synchronous call" [tasklocal]="TaskLocal.get")
for op in frame task tasklocal; do
  read -r class base variant <<<"${ops[$op]}"
  for thread in "${threads[@]}"; do
    progress "${op_names[$op]} on ${thread_names[$thread]}"
    case $thread in
      main) main_row "$op" ;;
      taskthread) jmh_row "$op-$thread.log" "$op-$thread" "runtime.$class" "${jmh[@]}" --gc \
        --task-threads --pair "$op-$thread" "$base" "$variant" ;;
      pool) jmh_row "$op-$thread.log" "$op-$thread" "runtime.$class" "${jmh[@]}" --gc \
        --pair "$op-$thread" "$base" "$variant" ;;
    esac
  done
done

progress "Commons Collections 4.4's suite: no agent / JaCoCo / taskrt frames"
suite_rows=(suite-jacoco suite-none suite-jacoco-none)
if [ "$suite_runs" = 0 ]; then
  for row in "${suite_rows[@]}"; do
    record skip "$row" "not run in quick mode (./taskrt bench full runs it)"
    record command "$row" "WORK=DIR agent/scripts/whole-programs.sh collections 3 1"
  done
  echo "    not run in quick mode" >&2
else
  for row in "${suite_rows[@]}"; do
    record command "$row" "WORK=DIR agent/scripts/whole-programs.sh collections $suite_runs 1"
  done
  suite() {
    WORK=$PWD/$work/suite bash agent/scripts/whole-programs.sh collections "$suite_runs" 1
    local r=$work/suite/results/collections
    for row in "${suite_rows[@]}"; do
      record unit "$row" cpu "ms (first run of the suite in the JVM)"
      record unit "$row" wall "ms (first run of the suite in the JVM)"
    done
    pairs suite-jacoco cpu 3 "$r-jacoco" "$r-taskrt"
    pairs suite-jacoco wall 1 "$r-jacoco" "$r-taskrt"
    pairs suite-none cpu 3 "$r-none" "$r-taskrt"
    pairs suite-none wall 1 "$r-none" "$r-taskrt"
    pairs suite-jacoco-none cpu 3 "$r-none" "$r-jacoco"
    pairs suite-jacoco-none wall 1 "$r-none" "$r-jacoco"
    local counts
    counts=$(grep -o 'run [0-9]* failed [0-9]*' "$work/suite.log" | sort -u | sed 's/^run /tests run /; s/ failed /, failed /' | paste -sd';')
    record note suite-jacoco "JUnit counts over every JVM (one line if all agree): $counts"
  }
  measure suite.log "$(
    IFS=,
    echo "${suite_rows[*]}"
  )" -- suite
fi

progress "executor hand-off, 64 submissions in flight, no agent / propagate=on"
jmh_row handoff-64.log handoff-64 legacy.ExecutorHandoffBenchmark "${jmh[@]}" \
  --pair handoff-64 noAgentBatch propagateOnBatch

progress "spawn + join on a pool / submit + get"
jmh_row spawn-join.log spawn-join runtime.SpawnJoinBench "${jmh[@]}" --pair spawn-join submitGet spawnJoin

progress "Pipes.stream 1->1 / ArrayBlockingQueue / LinkedTransferQueue"
jmh_row stream.log stream,stream-ltq pipes.StreamBench "${jmh[@]}" --param capacity=1024 \
  --pair stream arrayBlockingQueue stream --pair stream-ltq linkedTransferQueue stream

for senders in 4 8; do
  progress "Pipes.shared, $senders senders / LinkedBlockingQueue"
  jmh_row "shared-$senders.log" "shared-$senders" pipes.SharedBench "${jmh[@]}" --param capacity=1024 \
    --param "senders=$senders" --pair "shared-$senders" linkedBlockingQueue shared
done

progress "Pipes.oneshot / CompletableFuture"
jmh_row oneshot.log oneshot pipes.OneshotBench "${jmh[@]}" --gc --pair oneshot completableFuture oneshot

progress "short tasks, spawned and joined, taskrt.jfc recording / recording off"
jmh_row million-spawned.log million-spawned runtime.MillionTasksBench "${spawned[@]}" \
  --pair million-spawned spawned spawnedRecorded
if [ "$mode" = quick ]; then
  record note million-spawned "quick mode: 100,000 tasks per run, not a million"
fi

progress "a million synchronous tasks, taskrt.jfc recording / recording off"
jmh_row million-sync.log million-sync runtime.MillionTasksBench "${synchronous[@]}" \
  --pair million-sync synchronous synchronousRecorded

# ---- the table --------------------------------------------------------------------------------
printf 'meta\tload average at end\t%s\n' "$(load)" >>"$results"
printf 'meta\tduration\t%s min (without the build)\n' "$((($(date +%s) - started + 30) / 60))" >>"$results"
cp "$results" "${markdown%.md}.tsv"
echo >&2
java -cp "$bench_jar" dev.taskrt.bench.table.BudgetTable "$results" "$markdown"
echo "raw results: ${markdown%.md}.tsv; logs: $work"
exit "$failed"
