package dev.taskrt.agent.instrument;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.AnnotationMapping;
import dev.taskrt.agent.config.Glob;
import dev.taskrt.agent.config.MethodPattern;
import dev.taskrt.agent.config.OptionKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the agent looks for: the method patterns and mapped annotations of the options, the
 * application's main class, and the context classes whose thread-locals follow tasks (SLF4J's
 * {@code MDC} and the classes {@code threadLocals=} names, under {@code propagate}). Immutable.
 */
public final class Targets {
  private final List<MethodPattern> tasks;
  private final List<MethodPattern> spawn;
  private final List<MethodPattern> frames;
  private final List<MethodPattern> foreign;
  private final List<MethodPattern> boundaries;
  private final String mainClass;
  private final boolean anyPattern;
  private final AnnotationMapping annotations;
  private final Set<String> contextClasses;

  /**
   * @param options the agent's options
   * @param mainClass the main class's internal name ({@code com/acme/Main}), or null for none
   */
  public Targets(AgentOptions options, String mainClass) {
    this.tasks = options.patterns(OptionKey.TASKS);
    this.spawn = options.patterns(OptionKey.SPAWN);
    this.frames = options.patterns(OptionKey.FRAMES);
    this.foreign = options.patterns(OptionKey.FOREIGN);
    this.boundaries = options.patterns(OptionKey.BOUNDARIES);
    this.mainClass = mainClass;
    this.annotations = options.annotations();
    this.contextClasses = contextClasses(options);
    this.anyPattern =
        !(tasks.isEmpty()
            && spawn.isEmpty()
            && frames.isEmpty()
            && foreign.isEmpty()
            && boundaries.isEmpty());
  }

  /** SLF4J's MDC, whose context follows tasks with no configuration. */
  static final String MDC = "org/slf4j/MDC";

  private static Set<String> contextClasses(AgentOptions options) {
    if (!options.propagate().isOn()) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    names.add(MDC);
    for (String name : options.threadLocals().keySet()) {
      names.add(name.replace('.', '/'));
    }
    return Set.copyOf(names);
  }

  /**
   * Whether the class ({@code com/acme/Context}) holds thread-local context that follows tasks, so
   * its static initialiser tells the runtime when its fields are set.
   */
  boolean isContextClass(String internalName) {
    return contextClasses.contains(internalName);
  }

  /** The annotations treated as taskrt's ({@code annotations=}). */
  AnnotationMapping annotations() {
    return annotations;
  }

  /** Whether {@code internalName} is the main class. */
  boolean isMainClass(String internalName) {
    return internalName.equals(mainClass);
  }

  /** The main class's internal name, or null. */
  public String mainClass() {
    return mainClass;
  }

  /** Whether any pattern may name a method of the class ({@code com.acme.Service}). */
  public boolean anyPatternMatchesClass(String className) {
    return anyPattern
        && (matches(tasks, className)
            || matches(spawn, className)
            || matches(frames, className)
            || matches(foreign, className)
            || matches(boundaries, className));
  }

  /** Whether patterns were given at all. */
  boolean hasPatterns() {
    return anyPattern;
  }

  /** The method glob of {@code key}'s patterns that names this method, or null. */
  Glob match(OptionKey key, String className, String methodName) {
    List<MethodPattern> list;
    switch (key) {
      case TASKS:
        list = tasks;
        break;
      case SPAWN:
        list = spawn;
        break;
      case FRAMES:
        list = frames;
        break;
      case FOREIGN:
        list = foreign;
        break;
      case BOUNDARIES:
        list = boundaries;
        break;
      default:
        return null;
    }
    for (MethodPattern p : list) {
      if (p.matchesClass(className)) {
        Glob g = p.methodMatch(methodName);
        if (g != null) {
          return g;
        }
      }
    }
    return null;
  }

  private static boolean matches(List<MethodPattern> patterns, String className) {
    for (MethodPattern p : patterns) {
      if (p.matchesClass(className)) {
        return true;
      }
    }
    return false;
  }
}
