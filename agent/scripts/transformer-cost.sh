#!/usr/bin/env bash
# Issue 17, the cold run: what rewriting a library's classes costs the agent's transformer, side by
# side with JaCoCo's instrumenter on the same classes. Each JVM reads the first CLASSES classes of
# H2 2.5.252's jar into memory, then rewrites them all once, as class loading would in a fresh JVM
# (the transformer's own code cold): taskrt with frames=org.h2.*[*], JaCoCo with its probes. Each
# prints the rewrite's CPU time on its own thread, the whole JVM's CPU time over the same span (the
# JIT compiling the transformer, the collector) and the bytes it allocated. JVMs alternate
# (taskrt, jacoco, taskrt, ...) because the machine is shared; the summary gives medians over RUNS
# JVMs with their spread (min-max).
#
#   agent/scripts/transformer-cost.sh [RUNS] [CLASSES] [JVM options]
#   (after: mvn -B -ntp -pl agent -am package -DskipTests)
#
# -Xint as the JVM options counts the work itself, without the JIT: each bytecode interpreted.
# VARIANTS="taskrt jacoco" (the default) picks and orders the variants; any other name N runs the
# agent jar in the environment variable JAR_N (another build of it) as taskrt is run.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
classes=${2:-1018}
jvm=${3:-}
agent=$PWD/agent/target/taskrt-agent.jar
work=${WORK:-$(mktemp -d)}
mkdir -p "$work/lib" "$work/cost"
. agent/scripts/lib.sh
fetch "$work/lib" org.jacoco:org.jacoco.agent:0.8.15:jar:runtime org.jacoco.agent-0.8.15-runtime.jar
fetch "$work/lib" com.h2database:h2:2.5.252 h2-2.5.252.jar
jacoco=$work/lib/org.jacoco.agent-0.8.15-runtime.jar
h2=$work/lib/h2-2.5.252.jar
[ -f "$agent" ] || { echo "transformer-cost.sh: $agent is missing; build it first: mvn -B -ntp -pl agent -am package -DskipTests" >&2; exit 2; }
# JaCoCo relocates its core into a package named after its build
instr=$(jar tf "$jacoco" | grep -o 'org/jacoco/agent/rt/internal_[0-9a-f]*/core/instr/Instrumenter.class' | head -1)
[ -n "$instr" ] || { echo "transformer-cost.sh: no Instrumenter in $jacoco" >&2; exit 2; }
shaded=$(dirname "$(dirname "$(dirname "$instr")")" | tr / .)

# One round over the classes; the subclass says how one class is rewritten.
cat > "$work/cost/Round.java" <<'JAVA'
import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;

/** Reads the first N classes of a jar, rewrites each once, prints what that cost. */
abstract class Round {
  abstract byte[] rewrite(String internalName, byte[] classFile) throws Exception;

  void run(String jarPath, int limit) throws Exception {
    List<String> names = new ArrayList<>();
    List<byte[]> files = new ArrayList<>();
    try (JarFile jar = new JarFile(jarPath)) {
      for (var e : Collections.list(jar.entries())) {
        String n = e.getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF") && !n.contains("module-info")) {
          names.add(n.substring(0, n.length() - 6));
          files.add(jar.getInputStream(e).readAllBytes());
        }
      }
    }
    ThreadMXBean thread = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = thread.getCurrentThreadCpuTime();
    long all0 = os.getProcessCpuTime();
    long alloc0 = thread.getCurrentThreadAllocatedBytes();
    int rewritten = 0;
    long bytes = 0;
    int n = Math.min(limit, names.size());
    for (int i = 0; i < n; i++) {
      byte[] out = rewrite(names.get(i), files.get(i));
      if (out != null) {
        rewritten++;
        bytes += out.length;
      }
    }
    System.out.printf(
        "classes %d rewritten %d bytes %d thread-cpu-ms %d process-cpu-ms %d alloc-mb %d%n",
        n,
        rewritten,
        bytes,
        (thread.getCurrentThreadCpuTime() - cpu0) / 1_000_000,
        (os.getProcessCpuTime() - all0) / 1_000_000,
        (thread.getCurrentThreadAllocatedBytes() - alloc0) / 1_000_000);
  }
}
JAVA
cat > "$work/cost/TaskrtRound.java" <<'JAVA'
import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.Warnings;
import dev.taskrt.agent.instrument.ClassRewriter;
import dev.taskrt.agent.instrument.Targets;
import java.util.Properties;

/** The agent's rewrite of a class, as its transformer calls it, with frames=org.h2.*[*]. */
public class TaskrtRound extends Round {
  private final ClassRewriter rewriter =
      new ClassRewriter(
          new Targets(AgentOptions.parse("frames=org.h2.*[*]", new Properties()), null),
          false,
          new Warnings(System.err, false));

  @Override
  byte[] rewrite(String internalName, byte[] classFile) {
    return rewriter.rewrite(internalName, classFile, false, false);
  }

  public static void main(String[] args) throws Exception {
    new TaskrtRound().run(args[0], Integer.parseInt(args[1]));
  }
}
JAVA
sed "s/SHADED/$shaded/g" > "$work/cost/JacocoRound.java" <<'JAVA'
import SHADED.asm.MethodVisitor;
import SHADED.asm.Opcodes;
import SHADED.core.instr.Instrumenter;
import SHADED.core.runtime.IExecutionDataAccessorGenerator;

/** JaCoCo's instrumenter on a class; its probe array comes from a stand-in accessor. */
public class JacocoRound extends Round {
  private final Instrumenter instrumenter =
      new Instrumenter(
          new IExecutionDataAccessorGenerator() {
            @Override
            public int generateDataAccessor(long id, String name, int probes, MethodVisitor mv) {
              mv.visitLdcInsn(probes);
              mv.visitIntInsn(Opcodes.NEWARRAY, Opcodes.T_BOOLEAN);
              return 1;
            }
          });

  @Override
  byte[] rewrite(String internalName, byte[] classFile) throws Exception {
    return instrumenter.instrument(classFile, internalName);
  }

  public static void main(String[] args) throws Exception {
    new JacocoRound().run(args[0], Integer.parseInt(args[1]));
  }
}
JAVA
read -r -a variants <<<"${VARIANTS:-taskrt jacoco}"
jar_of() {
  case $1 in
    taskrt) echo "$agent" ;;
    jacoco) echo "$jacoco" ;;
    *)
      local var=JAR_$1
      [ -n "${!var:-}" ] || { echo "transformer-cost.sh: variant $1 needs an agent jar in $var" >&2; exit 2; }
      echo "${!var}"
      ;;
  esac
}
for v in "${variants[@]}"; do
  mkdir -p "$work/cost/$v"
  main=TaskrtRound
  [ "$v" = jacoco ] && main=JacocoRound
  javac -d "$work/cost/$v" -cp "$(jar_of "$v")" "$work/cost/Round.java" "$work/cost/$main.java"
  : >"$work/cost/$v.log"
done
for i in $(seq "$runs"); do
  for v in "${variants[@]}"; do
    main=TaskrtRound
    [ "$v" = jacoco ] && main=JacocoRound
    # shellcheck disable=SC2086
    line=$(java $jvm -cp "$(jar_of "$v"):$work/cost/$v" "$main" "$h2" "$classes")
    echo "$line" >>"$work/cost/$v.log"
    echo "run $i/$runs $v: $line"
  done
done
echo
echo "medians over $runs JVMs (min-max), first $classes classes of h2-2.5.252.jar${jvm:+, JVM options: $jvm}:"
for v in "${variants[@]}"; do
  awk -v v="$v" '
    function med(a, n,   i, j, t) {
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2) " (" a[1] "-" a[n] ")"
    }
    { n++; t[n] = $8; p[n] = $10; m[n] = $12; r = $4 }
    END { printf "%-8s | rewritten %s | thread CPU ms %s | process CPU ms %s | allocated MB %s\n", v, r, med(t, n), med(p, n), med(m, n) }
  ' "$work/cost/$v.log"
done
echo "work directory: $work"
