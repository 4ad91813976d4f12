#!/usr/bin/env bash
# Issue 17, must-show 1: two whole programs with every method of a library a frame, side by side
# with no agent and with JaCoCo's agent on the same classes, first run (cold) and warmed up.
#
#   1. collections: Apache Commons Collections 4.4's published tests (JUnit 4), every method of
#      org.apache.commons.collections4.* (library and tests) a frame; main is the root task.
#   2. h2: a JDBC workload over H2 2.5.252 (embedded, in memory) on a pool of 4 threads of the
#      application's own (not taskrt's), every method of org.h2.* a frame; the pool's work carries
#      the root task (propagate=on). JOBS jobs a round (default 60); each inserts 50 orders, runs
#      20 joins with an aggregate, then updates and deletes its own orders, so every round does the
#      same work over a table of 20,000 orders. (Until 2026-12-06 the jobs deleted other customers'
#      orders instead: the table grew every round, and a later round did more work than the first.
#      The figures in docs/PERFORMANCE.md dated before then are of that workload.)
#
# WORKLOAD=growing runs the H2 workload as it was before 2026-12-06 (no seeded orders, no index on
# the job column, which it fills but never reads; each job
# updates and deletes another customer's orders, so the table grows round by round and the first
# rounds are light: mostly class loading and H2's per-statement code). POOL=N sets the pool's size
# (default 4).
#
# Each JVM runs the program ROUNDS times and prints each round's wall time; "cold" is round 1,
# "warm" is the median of the rounds after the first half. Variants are interleaved run by run
# (none, jacoco, taskrt, none, ...) because the machine is shared; the summary gives, per variant,
# the median over RUNS JVMs and the spread (min-max).
#
#   agent/scripts/whole-programs.sh [collections|h2|both] [RUNS] [ROUNDS]
#   (after: mvn -B -ntp -pl agent -am package -DskipTests)
#
# VARIANTS="none jacoco taskrt" (the default) picks and orders the variants; any other name N in it
# runs the JVM options in the environment variable VARIANT_N (for instance another build of the
# agent: VARIANT_old="-javaagent:/tmp/old.jar=frames=org.h2.*[*]"), interleaved with the rest.
set -euo pipefail
cd "$(dirname "$0")/../.."
which=${1:-both}
runs=${2:-5}
rounds=${3:-4}
agent=$PWD/agent/target/taskrt-agent.jar
work=${WORK:-$(mktemp -d)}
mkdir -p "$work/lib" "$work/runner" "$work/results"
. agent/scripts/lib.sh
lib=$work/lib
fetch "$lib" org.jacoco:org.jacoco.agent:0.8.15:jar:runtime org.jacoco.agent-0.8.15-runtime.jar
fetch "$lib" org.apache.commons:commons-collections4:4.4 commons-collections4-4.4.jar
fetch "$lib" org.apache.commons:commons-collections4:4.4:jar:tests commons-collections4-4.4-tests.jar
fetch "$lib" junit:junit:4.13.2 junit-4.13.2.jar
fetch "$lib" org.hamcrest:hamcrest-core:1.3 hamcrest-core-1.3.jar
fetch "$lib" org.easymock:easymock:4.0.2 easymock-4.0.2.jar
fetch "$lib" org.objenesis:objenesis:2.6 objenesis-2.6.jar
fetch "$lib" com.h2database:h2:2.5.252 h2-2.5.252.jar
jacoco=$work/lib/org.jacoco.agent-0.8.15-runtime.jar

cat > "$work/runner/RunSuite.java" <<'JAVA'
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.runner.JUnitCore;
import org.junit.runner.Result;

/** Runs every public concrete *Test class of a tests jar with JUnit 4, ROUNDS times. */
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
    int rounds = Integer.parseInt(args[1]);
    for (int i = 1; i <= rounds; i++) {
      long t0 = System.nanoTime();
      long c0 = cpu();
      Result r = new JUnitCore().run(classes.toArray(new Class<?>[0]));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("round " + i + " ms " + ms + " cpu " + (cpu() - c0) / 1_000_000
          + " run " + r.getRunCount() + " failed " + r.getFailureCount());
    }
  }

  /** CPU time of the whole JVM, all threads, in ns. */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
JAVA

cat > "$work/runner/JdbcWorkload.java" <<'JAVA'
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDBC workload over embedded H2 on the application's own pool of 4 threads: each job opens a
 * connection, inserts a batch of orders, reads orders back by customer with a join and an
 * aggregate, then updates and deletes the rows it inserted. ROUNDS rounds of JOBS jobs; prints
 * each round's time and the size of the orders table after it.
 *
 * <p>Every round does the same work: the table starts with 20 orders per customer and each job
 * takes away what it added, so a later round is not slower for having more rows to read.
 */
public class JdbcWorkload {
  static final AtomicInteger TAGS = new AtomicInteger();

  /** -Dworkload=growing: the workload before 2026-12-06, whose table grows round by round. */
  static final boolean GROWING = "growing".equals(System.getProperty("workload"));

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int jobs = Integer.parseInt(args[1]);
    String url = "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("create table customer(id int primary key, name varchar(40), region int)");
      s.execute("create table orders(id bigint auto_increment primary key, customer int,"
          + " amount decimal(12,2), state varchar(10), job int)");
      s.execute("create index orders_customer on orders(customer)");
      if (!GROWING) {
        s.execute("create index orders_job on orders(job)");
      }
      try (PreparedStatement p = c.prepareStatement("insert into customer values(?,?,?)")) {
        for (int i = 0; i < 1000; i++) {
          p.setInt(1, i); p.setString(2, "customer-" + i); p.setInt(3, i % 7); p.addBatch();
        }
        p.executeBatch();
      }
      if (!GROWING) {
        s.execute("insert into orders(customer, amount, state, job)"
            + " select mod(x, 1000), mod(x, 97) + 0.25, 'seed', 0 from system_range(1, 20000)");
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Integer.getInteger("pool", 4));
    long checksum = 0;
    for (int round = 1; round <= rounds; round++) {
      long t0 = System.nanoTime();
      long c0 = cpu();
      List<Future<Long>> results = new ArrayList<>();
      for (int j = 0; j < jobs; j++) {
        int job = j;
        results.add(pool.submit(() -> job(url, job)));
      }
      for (Future<Long> f : results) checksum += f.get();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      long cpuMs = (cpu() - c0) / 1_000_000;
      System.out.println("round " + round + " ms " + ms + " cpu " + cpuMs + " orders " + orders(url));
    }
    pool.shutdown();
    System.out.println("checksum " + checksum);
  }

  static long job(String url, int job) throws Exception {
    int tag = TAGS.incrementAndGet();
    long sum = 0;
    try (Connection c = DriverManager.getConnection(url)) {
      try (PreparedStatement p = c.prepareStatement(
          "insert into orders(customer, amount, state, job) values(?,?,'new',?)")) {
        for (int i = 0; i < 50; i++) {
          p.setInt(1, (job * 31 + i * 17) % 1000);
          p.setBigDecimal(2, new BigDecimal(i + ".25"));
          p.setInt(3, tag);
          p.executeUpdate();
        }
      }
      try (PreparedStatement q = c.prepareStatement(
          "select c.region, count(*), sum(o.amount) from orders o join customer c on o.customer = c.id"
              + " where o.customer between ? and ? group by c.region order by c.region")) {
        for (int i = 0; i < 20; i++) {
          int from = (job * 7 + i * 13) % 1000;
          q.setInt(1, from); q.setInt(2, from + 20);
          try (ResultSet r = q.executeQuery()) {
            while (r.next()) sum += r.getInt(1) + r.getLong(2);
          }
        }
      }
      String by = GROWING ? "customer" : "job";
      try (PreparedStatement u = c.prepareStatement(
          "update orders set state = 'paid' where " + by + " = ? and state = 'new'")) {
        u.setInt(1, GROWING ? (job * 31) % 1000 : tag);
        sum += u.executeUpdate();
      }
      try (PreparedStatement d = c.prepareStatement("delete from orders where " + by + " = ?")) {
        d.setInt(1, GROWING ? (job * 17 + 3) % 1000 : tag);
        sum += d.executeUpdate();
      }
    }
    return sum;
  }

  static long orders(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from orders")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** CPU time of the whole JVM, all threads, in ns. */
  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
JAVA

ccp="$work/lib/commons-collections4-4.4.jar:$work/lib/commons-collections4-4.4-tests.jar:$work/lib/junit-4.13.2.jar:$work/lib/hamcrest-core-1.3.jar:$work/lib/easymock-4.0.2.jar:$work/lib/objenesis-2.6.jar"
hcp="$work/lib/h2-2.5.252.jar"
javac -cp "$ccp" -d "$work/runner" "$work/runner/RunSuite.java"
javac -cp "$hcp" -d "$work/runner" "$work/runner/JdbcWorkload.java"

# one JVM: $1 program, $2 variant; appends "cold warm" (ms) to results/<program>-<variant>
run_one() {
  local program=$1 variant=$2 opts=() cp args pkg
  case $program in
    collections) cp="$ccp:$work/runner"; pkg=org.apache.commons.collections4; args=(RunSuite "$work/lib/commons-collections4-4.4-tests.jar" "$rounds") ;;
    h2) cp="$hcp:$work/runner"; pkg=org.h2; args=("-Dworkload=${WORKLOAD:-stationary}" "-Dpool=${POOL:-4}" JdbcWorkload "$rounds" "${JOBS:-60}") ;;
  esac
  case $variant in
    none) ;;
    jacoco) opts=("-javaagent:$jacoco=includes=$pkg.*,output=none") ;;
    taskrt) opts=("-javaagent:$agent=frames=$pkg.*[*]") ;;
    *)
      local var=VARIANT_$variant
      [ -n "${!var:-}" ] || { echo "whole-programs.sh: variant $variant needs its JVM options in $var" >&2; exit 2; }
      read -r -a opts <<<"${!var}"
      ;;
  esac
  local out
  out=$(java -Xmx1g "${opts[@]}" -cp "$cp" "${args[@]}" 2>"$work/results/$program-$variant.err" | grep '^round')
  echo "$out" >>"$work/results/$program-$variant.log"
  local line=()
  for col in 4 6; do # wall, CPU
    local times
    times=$(echo "$out" | awk -v c=$col '{print $c}')
    line+=("$(echo "$times" | head -1)")
    line+=("$(echo "$times" | tail -n +$((rounds / 2 + 1)) | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')")
  done
  echo "${line[*]}" >>"$work/results/$program-$variant"
  echo "$program $variant run: wall cold/warm ${line[0]}/${line[1]} ms, CPU cold/warm ${line[2]}/${line[3]} ms ($(echo "$out" | head -1 | cut -d' ' -f7-))"
}

# median (min-max) of column $2 of file $1
stat() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {printf "%d (%d-%d)", a[int((NR+1)/2)], a[1], a[NR]}'; }
median() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

summary() {
  local program=$1
  echo "== $program: median over $runs JVMs (min-max) in ms, and ratio of medians to none; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local none=$work/results/$program-none
  for variant in $variants; do
    local f=$work/results/$program-$variant
    printf '%-7s' "$variant"
    local col names=(x "wall cold" "wall warm" "CPU cold" "CPU warm")
    for col in 1 2 3 4; do
      printf ' | %s %-18s %5.2fx' "${names[$col]}" "$(stat "$f" $col)" \
        "$(echo "$(median "$f" $col) / $(median "$none" $col)" | bc -l)"
    done
    echo
  done
}

variants=${VARIANTS:-none jacoco taskrt}
programs=()
case $which in
  both) programs=(collections h2) ;;
  *) programs=("$which") ;;
esac
for program in "${programs[@]}"; do
  rm -f "$work/results/$program-"*
  for i in $(seq 1 "$runs"); do
    for variant in $variants; do
      run_one "$program" "$variant"
    done
  done
done
for program in "${programs[@]}"; do
  summary "$program"
done
echo "agent messages: $(cat "$work/results/"*.err | grep -c '^taskrt:' || true)"
echo "work directory: $work"
