/**
 * Not API. The only surface the agent's rewritten code calls: the agent emits calls to these
 * classes by name and descriptor, so their names, package and method signatures are a contract with
 * the rewriting. Every class here must be bootstrap-loaded (the runtime is on the agent jar's
 * {@code Boot-Class-Path}): rewritten JDK classes and application classes of any class loader must
 * all reach the same kernel.
 *
 * <ul>
 *   <li>{@link dev.taskrt.internal.entry.Instrumented}: called by the agent's rewrites of
 *       application methods ({@code @Task}, {@code @Spawn}, {@code @Frame}, {@code @Foreign},
 *       {@code @Boundary}, {@code @AtExit}, the main method as root task) and by its exit-path
 *       advice on {@code Runtime.exit} and the JVM's shutdown hooks.
 *   <li>{@link dev.taskrt.internal.entry.HandoffHooks}: called by the agent's rewrites of JDK
 *       executors and threads ({@code ThreadPoolExecutor}, {@code ForkJoinPool}, {@code Thread},
 *       ...) and of the static initialisers of classes whose context is carried ({@code
 *       threadLocals=}, SLF4J's MDC).
 *   <li>{@link dev.taskrt.internal.entry.LoaderHooks}: called by the agent's rewrites of
 *       application class loaders' {@code loadClass}.
 *   <li>{@link dev.taskrt.internal.entry.HiddenClassDefinitions}: called by the agent's rewrite of
 *       {@code MethodHandles.Lookup}'s public hidden-class methods; its hook is the agent's, and it
 *       calls nothing in the runtime.
 * </ul>
 *
 * <p>Each entry point is one call into the runtime ({@code dev.taskrt.internal} and its packages);
 * nothing in the runtime calls back into this package.
 */
package dev.taskrt.internal.entry;
