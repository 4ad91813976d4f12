package dev.taskrt.bench.runtime;

import dev.taskrt.Tasks;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code java -jar bench/target/benchmarks.jar OtelTaskBench -prof gc}
 *
 * <p>What {@code otel} costs a synchronous task ({@code Tasks.run} inside a task): {@link
 * #tasksRunOtelOff} in a JVM with {@code -Dtaskrt.otel=off} (the default) against {@link
 * #plainCall}, and {@link #tasksRunOtelOn} in a JVM with {@code -Dtaskrt.otel=on} and the
 * OpenTelemetry SDK registered (each span made, started, made current, ended and handed to an
 * exporter that drops it), which is the bridge's own cost plus the SDK's. That {@code otel=off}
 * costs nothing is shown against the same benchmark built from the code before the bridge existed
 * ({@code TaskRunBench}, figures in docs/PERFORMANCE.md, "otel").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
public class OtelTaskBench {
  /** The callable every variant calls; returns an object made once per trial. */
  @State(Scope.Thread)
  public static class Body {
    final Object result = new Object();
    final Callable<Object> callable = () -> result;
  }

  /** With {@code -Dtaskrt.otel=on}, the OpenTelemetry SDK registered before the first task. */
  @State(Scope.Benchmark)
  public static class Sdk {
    /** Registers the SDK as the global OpenTelemetry when the fork runs with otel=on. */
    @Setup(Level.Trial)
    public void register() {
      if ("on".equals(System.getProperty("taskrt.otel")) && !GlobalOpenTelemetry.isSet()) {
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(new Dropping()))
                    .build())
            .buildAndRegisterGlobal();
      }
    }
  }

  /** An exporter that drops every span. */
  static final class Dropping implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** Baseline: the callable, called. */
  @Benchmark
  @Fork(value = 1, jvmArgsPrepend = "-Xmx256m")
  public Object plainCall(Body body) throws Exception {
    return body.callable.call();
  }

  /** {@code Tasks.run} inside a task, {@code otel=off}. */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsPrepend = {"-Xmx256m", "-Dtaskrt.otel=off"})
  public Object tasksRunOtelOff(Body body, Sdk sdk, InsideTask inside) {
    return Tasks.run("bench", body.callable);
  }

  /** {@code Tasks.run} inside a task, {@code otel=on} with the SDK: each task is a span. */
  @Benchmark
  @Fork(
      value = 1,
      jvmArgsPrepend = {"-Xmx256m", "-Dtaskrt.otel=on"})
  public Object tasksRunOtelOn(Body body, Sdk sdk, InsideTask inside) {
    return Tasks.run("bench", body.callable);
  }
}
