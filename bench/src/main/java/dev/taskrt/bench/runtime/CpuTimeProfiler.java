package dev.taskrt.bench.runtime;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * {@code -prof dev.taskrt.bench.runtime.CpuTimeProfiler}: the CPU time the benchmark JVM used per
 * operation ({@code cpu.time.norm}, user plus system, all its threads), next to the wall time.
 *
 * <p>On a machine shared with other work, a benchmark thread waiting for a core makes its wall time
 * longer but not its CPU time, so the ratio of CPU times is the steadier figure. For benchmarks
 * that hand work to other threads (spawn and join), it counts the CPU of both sides and none of the
 * time spent parked. It includes the JVM's own threads (JIT compiler, GC), which are quiet after
 * warm-up except for collecting what the benchmark allocates. Ops are counted as {@code -prof gc}
 * counts them, including those run while JMH synchronises the iteration's start and end.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long cpuAtStart;

  /** The constructor JMH calls. */
  public CpuTimeProfiler() {}

  @Override
  public String getDescription() {
    return "CPU time of the benchmark JVM per operation (user + system, all threads)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    cpuAtStart = os.getProcessCpuTime();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = os.getProcessCpuTime() - cpuAtStart;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : (double) cpu / ops;
    return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
  }
}
