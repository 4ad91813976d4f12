/**
 * Every rewrite of a JDK class, through one transformer ({@code JdkTransformer}, bootstrap classes
 * only): the JVM's exit paths ({@code ExitPathRewrite}: {@code Runtime.exit} and {@code
 * ApplicationShutdownHooks.runHooks}) always, the hand-off points of executors, {@code
 * ForkJoinPool} and threads ({@code JdkHandoffRewrite}) under {@code propagate}, and, when asked,
 * {@code MethodHandles.Lookup}'s public hidden-class methods ({@code HiddenClassRewrite}). Each
 * patches its named methods and copies the rest of the class. {@link
 * dev.taskrt.agent.jdk.JdkRewrites} installs it: the {@code java.base} read edge to the
 * bootstrap-loaded runtime (once), the transformer, and the retransformation of what is already
 * loaded, except, while the JVM writes an AOT cache or a static CDS archive ({@code ArchiveDump}),
 * the JVM's own {@code Thread} classes.
 *
 * <p>Called by the agent's start sequence only; uses {@code config} and {@code asm}, never {@code
 * instrument}.
 *
 * <p>On the premain path: all of it (the exit paths and {@code Thread} are rewritten at start); the
 * other hand-off classes are rewritten when the application first loads them.
 */
package dev.taskrt.agent.jdk;
