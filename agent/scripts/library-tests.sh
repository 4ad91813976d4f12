#!/usr/bin/env bash
# Issue 3, must-show 3: a real library's own test suite under frames= on every method.
# Runs the published tests of Apache Commons Collections 4.4 (the "tests" jar on Maven Central,
# JUnit 4) once without the agent and once with -javaagent:taskrt-agent.jar=frames=<all its
# classes>[*], and prints JUnit's counts of both runs.
#
#   agent/scripts/library-tests.sh            (after mvn -pl agent -am package)
set -euo pipefail
cd "$(dirname "$0")/../.."
agent=$PWD/agent/target/taskrt-agent.jar
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. agent/scripts/lib.sh
for a in org.apache.commons:commons-collections4:4.4 org.apache.commons:commons-collections4:4.4:jar:tests \
         junit:junit:4.13.2 org.hamcrest:hamcrest-core:1.3 org.easymock:easymock:4.0.2 org.objenesis:objenesis:2.6; do
  fetch "$work/lib" "$a"
done
mkdir -p "$work/runner"
cat > "$work/runner/RunSuite.java" <<'JAVA'
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;

/** Runs every public concrete *Test class of a tests jar with JUnit 4 and prints the counts. */
public class RunSuite {
  public static void main(String[] args) throws Exception {
    List<Class<?>> classes = new ArrayList<>();
    try (JarFile jar = new JarFile(args[0])) {
      for (var e : Collections.list(jar.entries())) {
        String n = e.getName();
        if (n.endsWith("Test.class") && !n.contains("$")) {
          Class<?> c = Class.forName(n.substring(0, n.length() - 6).replace('/', '.'));
          if (Modifier.isPublic(c.getModifiers()) && !Modifier.isAbstract(c.getModifiers())) {
            classes.add(c);
          }
        }
      }
    }
    Result r = JUnitCore.runClasses(classes.toArray(new Class<?>[0]));
    List<String> failed = new ArrayList<>();
    r.getFailures().forEach(f -> failed.add(f.getTestHeader()));
    Collections.sort(failed);
    System.out.println("classes " + classes.size() + " run " + r.getRunCount() + " failed "
        + r.getFailureCount() + " ignored " + r.getIgnoreCount()
        + " failed-set-hash " + Integer.toHexString(String.join("\n", failed).hashCode()));
    r.getFailures().stream().limit(5).forEach(f -> System.out.println("  " + f.getTestHeader() + ": " + f.getMessage()));
  }
}
JAVA
cp="$work/lib/commons-collections4-4.4.jar:$work/lib/commons-collections4-4.4-tests.jar:$work/lib/junit-4.13.2.jar:$work/lib/hamcrest-core-1.3.jar:$work/lib/easymock-4.0.2.jar:$work/lib/objenesis-2.6.jar"
javac -cp "$cp" -d "$work/runner" "$work/runner/RunSuite.java"
tests="$work/lib/commons-collections4-4.4-tests.jar"
echo "without the agent:"
java -Xmx512m -cp "$cp:$work/runner" RunSuite "$tests" | grep -v '^\.*$' | tail -6
echo "with -javaagent:taskrt-agent.jar=frames=org.apache.commons.collections4.*[*]:"
java -Xmx512m "-javaagent:$agent=frames=org.apache.commons.collections4.*[*]" \
  -cp "$cp:$work/runner" RunSuite "$tests" 2>"$work/agent-err.txt" | grep -v '^\.*$' | tail -6
echo "agent messages: $(grep -c '^taskrt:' "$work/agent-err.txt" || true)"
grep '^taskrt:' "$work/agent-err.txt" | head -5 || true
