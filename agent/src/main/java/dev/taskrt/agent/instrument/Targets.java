package dev.taskrt.agent.instrument;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.AnnotationMapping;
import dev.taskrt.agent.config.Glob;
import dev.taskrt.agent.config.MethodPattern;
import dev.taskrt.agent.config.OptionKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
   * {@link #framesWildcardCovers}, remembered per class name: the frame rewrite asks it for every
   * call of every framed method, and the same few hundred classes are named over and over. Emptied
   * if a program ever names more classes than {@link #REMEMBERED}.
   */
  private final Map<String, Boolean> framesWildcardCovers = new ConcurrentHashMap<>();

  private static final int REMEMBERED = 50_000;

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

  /**
   * Whether a pattern's class part has a wildcard ({@code com.acme.*[...]}): the agent may then
   * read and rewrite many classes, a whole library's, as they load.
   */
  public boolean patternsCoverPackages() {
    for (List<MethodPattern> patterns : List.of(tasks, spawn, frames, foreign, boundaries)) {
      for (MethodPattern p : patterns) {
        if (p.classGlob().hasWildcard()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a {@code frames=} pattern has a wildcard in its method part: frames that may be left
   * out where they cannot matter ({@code FrameWorth}).
   */
  public boolean framesHaveWildcards() {
    for (MethodPattern p : frames) {
      for (Glob g : p.methodGlobs()) {
        if (g.hasWildcard()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a {@code frames=} pattern names this method of this class (internal name), with a
   * wildcard or not: the planner will frame it unless it cannot (a constructor, an abstract or
   * native method, a bridge or synthetic method under a wildcard).
   */
  boolean framesNameMethod(String internalName, String methodName) {
    String className = internalName.replace('/', '.');
    for (MethodPattern p : frames) {
      if (p.matchesClass(className) && p.methodMatch(methodName) != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether patterns were given at all. */
  boolean hasPatterns() {
    return anyPattern;
  }

  /**
   * The patterns whose class part matches one class, by option: what planning each of its methods
   * needs, matched against the class once rather than once per method and option.
   */
  final class ForClass {
    private final List<List<MethodPattern>> byKey = new ArrayList<>(OptionKey.values().length);

    private ForClass(String className) {
      for (OptionKey key : OptionKey.values()) {
        List<MethodPattern> matching = List.of();
        for (MethodPattern p : patterns(key)) {
          if (p.matchesClass(className)) {
            if (matching.isEmpty()) {
              matching = new ArrayList<>();
            }
            matching.add(p);
          }
        }
        byKey.add(matching);
      }
    }

    /** The first of {@code key}'s patterns that names this method of the class, or null. */
    MethodPattern pattern(OptionKey key, String methodName) {
      for (MethodPattern p : byKey.get(key.ordinal())) {
        if (p.methodMatch(methodName) != null) {
          return p;
        }
      }
      return null;
    }

    /**
     * Whether a {@code frames=} pattern names this method without a wildcard in its method part.
     */
    boolean framesNameExactly(String methodName) {
      return namesExactly(byKey.get(OptionKey.FRAMES.ordinal()), methodName);
    }
  }

  /** The patterns that may name methods of the class ({@code com.acme.Service}), by option. */
  ForClass forClass(String className) {
    return new ForClass(className);
  }

  /** {@code key}'s patterns; none for an option that names no methods. */
  private List<MethodPattern> patterns(OptionKey key) {
    switch (key) {
      case TASKS:
        return tasks;
      case SPAWN:
        return spawn;
      case FRAMES:
        return frames;
      case FOREIGN:
        return foreign;
      case BOUNDARIES:
        return boundaries;
      default:
        return List.of();
    }
  }

  /**
   * Whether one of the patterns (of a class already matched) names the method without a wildcard.
   */
  private static boolean namesExactly(List<MethodPattern> patterns, String methodName) {
    for (MethodPattern p : patterns) {
      for (Glob g : p.methodGlobs()) {
        if (!g.hasWildcard() && g.matches(methodName)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a {@code frames=} pattern with a wildcard method part may cover a class of this name
   * (internal, {@code com/acme/Service}): its methods may be left without a frame (see {@link
   * FrameWorth}).
   */
  boolean framesWildcardCovers(String internalName) {
    if (framesWildcardCovers.size() > REMEMBERED) {
      framesWildcardCovers.clear();
    }
    Boolean covers = framesWildcardCovers.get(internalName); // the usual case allocates nothing
    if (covers == null) {
      covers = framesWildcardMayCover(internalName);
      framesWildcardCovers.put(internalName, covers);
    }
    return covers;
  }

  private boolean framesWildcardMayCover(String internalName) {
    String className = internalName.replace('/', '.');
    for (MethodPattern p : frames) {
      if (p.matchesClass(className)) {
        for (Glob g : p.methodGlobs()) {
          if (g.hasWildcard()) {
            return true;
          }
        }
      }
    }
    return false;
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
