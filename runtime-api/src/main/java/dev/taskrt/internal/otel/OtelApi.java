package dev.taskrt.internal.otel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Not API. The OpenTelemetry API calls the bridge makes, as method handles resolved once on the
 * classes of one copy of the API: the application's ({@code io.opentelemetry.api} found through the
 * system class loader) or, when the application has none, the OpenTelemetry Java agent's own copy
 * ({@code io.opentelemetry.javaagent.shaded.io.opentelemetry.api} on the bootstrap class path). The
 * runtime is bootstrap-loaded and sees no application class directly, and it is compiled against
 * the JDK alone; every OpenTelemetry object therefore travels as an {@code Object}, and each handle
 * is adapted once to {@code Object} parameters and results (primitives stay primitive: nothing is
 * boxed per call).
 */
final class OtelApi {
  /** The application's copy of the API. */
  static final String APPLICATION_PREFIX = "io.opentelemetry.";

  /** The OpenTelemetry Java agent's relocated copy, on the bootstrap class path. */
  static final String JAVAAGENT_PREFIX = "io.opentelemetry.javaagent.shaded.io.opentelemetry.";

  /** Which copy this is, for messages. */
  final String source;

  /**
   * Whether the global {@code OpenTelemetry} may still be unset: the application's copy without the
   * Java agent (whose bridge answers {@code get()} at once). Until {@link #isGlobalSet} says so, no
   * tracer is asked for: {@code GlobalOpenTelemetry.get()} on an unset global would fix it to a
   * no-op and make the application's own {@code buildAndRegisterGlobal()} throw.
   */
  final boolean mayBeUnset;

  private final MethodHandle isSet;
  private final MethodHandle getTracer;
  private final MethodHandle getTracerWithVersion;
  private final MethodHandle currentContext;
  private final MethodHandle makeCurrent;
  private final MethodHandle closeScope;
  private final MethodHandle spanBuilder;
  private final MethodHandle setParent;
  private final MethodHandle builderString;
  private final MethodHandle builderLong;
  private final MethodHandle builderBoolean;
  private final MethodHandle startSpan;
  private final MethodHandle spanFromContextOrNull;
  private final MethodHandle storeInContext;
  private final MethodHandle setStatus;
  private final MethodHandle recordException;
  private final MethodHandle addEvent;
  private final MethodHandle spanString;
  private final MethodHandle end;
  private final MethodHandle attributesOf1;
  private final MethodHandle attributesOf3;
  private final MethodHandle stringKey;
  private final MethodHandle longKey;
  private final Object statusError;

  private OtelApi(String prefix, ClassLoader loader, boolean mayBeUnset)
      throws ReflectiveOperationException {
    this.source =
        prefix.equals(APPLICATION_PREFIX)
            ? "the application's io.opentelemetry.api"
            : "the OpenTelemetry Java agent's API";
    this.mayBeUnset = mayBeUnset;
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    Class<?> global = Class.forName(prefix + "api.GlobalOpenTelemetry", false, loader);
    Class<?> tracer = Class.forName(prefix + "api.trace.Tracer", false, loader);
    Class<?> builder = Class.forName(prefix + "api.trace.SpanBuilder", false, loader);
    Class<?> span = Class.forName(prefix + "api.trace.Span", false, loader);
    Class<?> statusCode = Class.forName(prefix + "api.trace.StatusCode", false, loader);
    Class<?> attributes = Class.forName(prefix + "api.common.Attributes", false, loader);
    Class<?> attributeKey = Class.forName(prefix + "api.common.AttributeKey", false, loader);
    Class<?> context = Class.forName(prefix + "context.Context", false, loader);
    Class<?> scope = Class.forName(prefix + "context.Scope", false, loader);

    MethodHandle found;
    try {
      found = lookup.findStatic(global, "isSet", MethodType.methodType(boolean.class));
    } catch (NoSuchMethodException older) {
      found = null; // older APIs have no isSet(): the global is taken as it is
    }
    isSet = found;
    getTracer =
        lookup
            .findStatic(global, "getTracer", MethodType.methodType(tracer, String.class))
            .asType(MethodType.methodType(Object.class, String.class));
    getTracerWithVersion =
        lookup
            .findStatic(
                global, "getTracer", MethodType.methodType(tracer, String.class, String.class))
            .asType(MethodType.methodType(Object.class, String.class, String.class));
    currentContext =
        lookup
            .findStatic(context, "current", MethodType.methodType(context))
            .asType(MethodType.methodType(Object.class));
    makeCurrent = virtual(lookup, context, "makeCurrent", scope);
    closeScope = virtual(lookup, scope, "close", void.class);
    spanBuilder = virtual(lookup, tracer, "spanBuilder", builder, String.class);
    setParent = virtual(lookup, builder, "setParent", builder, context);
    builderString = virtual(lookup, builder, "setAttribute", builder, String.class, String.class);
    builderLong = virtual(lookup, builder, "setAttribute", builder, String.class, long.class);
    builderBoolean = virtual(lookup, builder, "setAttribute", builder, String.class, boolean.class);
    startSpan = virtual(lookup, builder, "startSpan", span);
    spanFromContextOrNull =
        lookup
            .findStatic(span, "fromContextOrNull", MethodType.methodType(span, context))
            .asType(MethodType.methodType(Object.class, Object.class));
    storeInContext = virtual(lookup, span, "storeInContext", context, context);
    setStatus = virtual(lookup, span, "setStatus", span, statusCode, String.class);
    recordException = virtual(lookup, span, "recordException", span, Throwable.class);
    addEvent = virtual(lookup, span, "addEvent", span, String.class, attributes);
    spanString = virtual(lookup, span, "setAttribute", span, String.class, String.class);
    end = virtual(lookup, span, "end", void.class);
    attributesOf1 =
        lookup
            .findStatic(
                attributes, "of", MethodType.methodType(attributes, attributeKey, Object.class))
            .asType(MethodType.methodType(Object.class, Object.class, Object.class));
    attributesOf3 =
        lookup
            .findStatic(
                attributes,
                "of",
                MethodType.methodType(
                    attributes,
                    attributeKey,
                    Object.class,
                    attributeKey,
                    Object.class,
                    attributeKey,
                    Object.class))
            .asType(MethodType.genericMethodType(6));
    stringKey =
        lookup
            .findStatic(
                attributeKey, "stringKey", MethodType.methodType(attributeKey, String.class))
            .asType(MethodType.methodType(Object.class, String.class));
    longKey =
        lookup
            .findStatic(attributeKey, "longKey", MethodType.methodType(attributeKey, String.class))
            .asType(MethodType.methodType(Object.class, String.class));
    statusError = statusCode.getField("ERROR").get(null);
  }

  /**
   * A virtual method of {@code owner} as a handle taking the receiver and the parameters, with
   * every reference type of the API as {@code Object}.
   */
  private static MethodHandle virtual(
      MethodHandles.Lookup lookup,
      Class<?> owner,
      String name,
      Class<?> returns,
      Class<?>... parameters)
      throws ReflectiveOperationException {
    MethodHandle handle =
        lookup.findVirtual(owner, name, MethodType.methodType(returns, parameters));
    return handle.asType(erased(handle.type()));
  }

  /** The type with every class of the API replaced by {@code Object}. */
  private static MethodType erased(MethodType type) {
    MethodType t = type;
    for (int i = 0; i < t.parameterCount(); i++) {
      if (isApiType(t.parameterType(i))) {
        t = t.changeParameterType(i, Object.class);
      }
    }
    return isApiType(t.returnType()) ? t.changeReturnType(Object.class) : t;
  }

  private static boolean isApiType(Class<?> type) {
    return !type.isPrimitive() && type.getName().startsWith("io.opentelemetry.");
  }

  /**
   * The API the application uses: its own copy when it has one, else the OpenTelemetry Java agent's
   * copy; null when there is neither. Never throws for a missing API.
   *
   * @throws ReflectiveOperationException when a copy is there but lacks a method the bridge needs
   */
  static OtelApi find() throws ReflectiveOperationException {
    boolean javaagent = isPresent(JAVAAGENT_PREFIX + "api.GlobalOpenTelemetry", null);
    ClassLoader application = ClassLoader.getSystemClassLoader();
    if (isPresent(APPLICATION_PREFIX + "api.GlobalOpenTelemetry", application)) {
      return new OtelApi(APPLICATION_PREFIX, application, !javaagent);
    }
    if (javaagent) {
      return new OtelApi(JAVAAGENT_PREFIX, null, true);
    }
    return null;
  }

  private static boolean isPresent(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  // ---- the calls, each one handle invocation

  /** Whether the global {@code OpenTelemetry} is set (always, for APIs without {@code isSet}). */
  boolean isGlobalSet() throws Throwable {
    return !mayBeUnset || isSet == null || (boolean) isSet.invokeExact();
  }

  /** {@code GlobalOpenTelemetry.getTracer(name, version)}; the version may be null. */
  Object tracer(String name, String version) throws Throwable {
    return version == null
        ? (Object) getTracer.invokeExact(name)
        : (Object) getTracerWithVersion.invokeExact(name, version);
  }

  /** {@code Context.current()}. */
  Object currentContext() throws Throwable {
    return (Object) currentContext.invokeExact();
  }

  /** {@code context.makeCurrent()}: the scope to close. */
  Object makeCurrent(Object context) throws Throwable {
    return (Object) makeCurrent.invokeExact(context);
  }

  /** {@code scope.close()}. */
  void close(Object scope) throws Throwable {
    closeScope.invokeExact(scope);
  }

  /** {@code Span.fromContextOrNull(context)}. */
  Object spanIn(Object context) throws Throwable {
    return (Object) spanFromContextOrNull.invokeExact(context);
  }

  /** {@code tracer.spanBuilder(name)}. */
  Object spanBuilder(Object tracer, String name) throws Throwable {
    return (Object) spanBuilder.invokeExact(tracer, name);
  }

  /** {@code builder.setParent(context)}. */
  Object setParent(Object builder, Object context) throws Throwable {
    return (Object) setParent.invokeExact(builder, context);
  }

  /** {@code builder.setAttribute(key, value)}. */
  Object attribute(Object builder, String key, String value) throws Throwable {
    return (Object) builderString.invokeExact(builder, key, value);
  }

  /** {@code builder.setAttribute(key, value)}. */
  Object attribute(Object builder, String key, long value) throws Throwable {
    return (Object) builderLong.invokeExact(builder, key, value);
  }

  /** {@code builder.setAttribute(key, value)}. */
  Object attribute(Object builder, String key, boolean value) throws Throwable {
    return (Object) builderBoolean.invokeExact(builder, key, value);
  }

  /** {@code builder.startSpan()}. */
  Object startSpan(Object builder) throws Throwable {
    return (Object) startSpan.invokeExact(builder);
  }

  /** {@code span.storeInContext(context)}: the context with the span in it. */
  Object contextWith(Object span, Object context) throws Throwable {
    return (Object) storeInContext.invokeExact(span, context);
  }

  /** {@code span.setStatus(StatusCode.ERROR, description)}. */
  void setError(Object span, String description) throws Throwable {
    Object unused = (Object) setStatus.invokeExact(span, statusError, description);
  }

  /** {@code span.recordException(failure)}: the {@code exception} event. */
  void recordException(Object span, Throwable failure) throws Throwable {
    Object unused = (Object) recordException.invokeExact(span, failure);
  }

  /** {@code span.setAttribute(key, value)}. */
  void setAttribute(Object span, String key, String value) throws Throwable {
    Object unused = (Object) spanString.invokeExact(span, key, value);
  }

  /** {@code span.addEvent(name, Attributes.of(key, value))}. */
  void addEvent(Object span, String name, Object key, Object value) throws Throwable {
    Object attributes = (Object) attributesOf1.invokeExact(key, value);
    Object unused = (Object) addEvent.invokeExact(span, name, attributes);
  }

  /** {@code span.addEvent(name, Attributes.of(k1, v1, k2, v2, k3, v3))}. */
  void addEvent(
      Object span, String name, Object k1, Object v1, Object k2, Object v2, Object k3, Object v3)
      throws Throwable {
    Object attributes = (Object) attributesOf3.invokeExact(k1, v1, k2, v2, k3, v3);
    Object unused = (Object) addEvent.invokeExact(span, name, attributes);
  }

  /** {@code span.end()}. */
  void end(Object span) throws Throwable {
    end.invokeExact(span);
  }

  /** {@code AttributeKey.stringKey(name)}. */
  Object stringKey(String name) throws Throwable {
    return (Object) stringKey.invokeExact(name);
  }

  /** {@code AttributeKey.longKey(name)}. */
  Object longKey(String name) throws Throwable {
    return (Object) longKey.invokeExact(name);
  }
}
