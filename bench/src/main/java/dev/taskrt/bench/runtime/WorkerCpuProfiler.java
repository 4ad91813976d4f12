package dev.taskrt.bench.runtime;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code -prof dev.taskrt.bench.runtime.WorkerCpuProfiler}: the CPU time of JMH's benchmark threads
 * alone per operation ({@code worker.cpu.norm}), beside {@link CpuTimeProfiler}'s whole-JVM figure.
 *
 * <p>What a benchmark thread spends per operation is what each operation costs on the thread that
 * runs it; what the JVM's other threads spend (a JFR recorder writing chunks, the JMX threads that
 * serve a remote stream, a periodic snapshot) is paid per second and shows per operation only in
 * proportion to how few operations a second the machine allowed. For a benchmark that hands work to
 * other threads (spawn and join) it leaves out the receiving side; use it on synchronous ones.
 */
public final class WorkerCpuProfiler implements InternalProfiler {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> cpuAtStart = new HashMap<>();

  /** The constructor JMH calls. */
  public WorkerCpuProfiler() {}

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation (the JVM's other threads left out)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuAtStart.clear();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && isWorker(info)) {
        cpuAtStart.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
      }
    }
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && isWorker(info)) {
        long now = threads.getThreadCpuTime(info.getThreadId());
        Long before = cpuAtStart.get(info.getThreadId());
        if (now >= 0) {
          cpu += now - (before == null ? 0 : before);
        }
      }
    }
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
    return List.of(new ScalarResult("worker.cpu.norm", perOp, "ns/op", AggregationPolicy.AVG));
  }

  private static boolean isWorker(ThreadInfo info) {
    return info.getThreadName().contains("-jmh-worker-");
  }
}
