package dev.taskrt.internal.otel;

import dev.taskrt.internal.handoff.ContextCarrier;

/**
 * Not API. The OpenTelemetry context as one of the runtime's context carriers: work handed from a
 * task to an executor, a {@code CompletableFuture} stage or a new thread runs with the context
 * current at the hand-off (the task's span, or an application span inside it), so the hand-off's
 * child task descends from it. The scope opened on the running thread is closed afterwards.
 */
final class OtelContextCarrier implements ContextCarrier {
  private final OtelApi api;

  OtelContextCarrier(OtelApi api) {
    this.api = api;
  }

  @Override
  public Object capture() {
    try {
      return api.currentContext();
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Object install(Object captured) {
    try {
      return api.makeCurrent(captured);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void restore(Object scope) {
    try {
      api.close(scope);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "the OpenTelemetry context (" + api.source + ")";
  }
}
