package itapps.otel;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * {@link TaskTreeApp} with the OpenTelemetry SDK registered as the global OpenTelemetry (in the
 * static initialiser, so before the root task starts), an in-memory exporter, and an application
 * span ({@code app-work}) made inside the work handed to the pool. When the JVM exits it prints
 * every finished span, one line each: {@code SPAN name spanId parentSpanId traceId status
 * attributes events}, tab-separated.
 */
public final class TracedTreeApp {
  private static final InMemorySpanExporter EXPORTER = InMemorySpanExporter.create();

  static {
    OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(EXPORTER))
                .build())
        .buildAndRegisterGlobal();
  }

  private TracedTreeApp() {}

  public static void main(String[] args) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(TracedTreeApp::printSpans));
    Tracer tracer = GlobalOpenTelemetry.getTracer("itapps");
    Runnable plain = TaskTreeApp.pooledWork;
    TaskTreeApp.pooledWork =
        () -> {
          Span span = tracer.spanBuilder("app-work").startSpan();
          try (Scope ignored = span.makeCurrent()) {
            plain.run();
          } finally {
            span.end();
          }
        };
    TaskTreeApp.main(args);
  }

  private static void printSpans() {
    for (SpanData s : EXPORTER.getFinishedSpanItems()) {
      System.out.println(
          String.join(
              "\t",
              "SPAN",
              s.getName(),
              s.getSpanId(),
              s.getParentSpanId(),
              s.getTraceId(),
              s.getStatus().getStatusCode().name(),
              text(s.getAttributes()),
              events(s)));
    }
  }

  private static String events(SpanData s) {
    StringJoiner all = new StringJoiner("|");
    for (EventData e : s.getEvents()) {
      Map<String, Object> kept = new TreeMap<>();
      e.getAttributes()
          .forEach(
              (k, v) -> {
                if (!k.getKey().equals("exception.stacktrace")) {
                  kept.put(k.getKey(), v);
                }
              });
      all.add(e.getName() + kept);
    }
    return all.toString();
  }

  private static String text(Attributes attributes) {
    Map<String, Object> sorted = new TreeMap<>();
    attributes.forEach((AttributeKey<?> k, Object v) -> sorted.put(k.getKey(), v));
    StringJoiner j = new StringJoiner(";");
    sorted.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }
}
