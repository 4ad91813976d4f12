package dev.taskrt.agent.instrument;

import dev.taskrt.agent.config.AgentOptions;
import dev.taskrt.agent.config.MethodPattern;
import dev.taskrt.agent.config.OptionKey;
import dev.taskrt.agent.config.Warnings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What the agent would do to class files, without a JVM to instrument: each class is read with ASM
 * and planned by the same {@link ClassPlanner} the agent uses, whose decisions go to a {@link
 * PlanLog}. It also remembers which patterns named at least one method, so that a pattern that
 * names none (a typo) can be reported. Used by the {@code check} command; one instance per run, not
 * thread-safe.
 */
public final class DryRun {
  private final AgentOptions options;
  private final Targets targets;
  private final ClassPlanner planner;
  private final Set<MethodPattern> matched = new LinkedHashSet<>();

  /**
   * The fourth rule's promises over the classes planned so far, in the order they are given (at run
   * time, the order the JVM loads them).
   */
  private final PromiseBook book = new PromiseBook();

  /**
   * @param options the options, as the agent would get them
   * @param warnings where targets that cannot apply are reported
   * @param log where each decision is told
   */
  public DryRun(AgentOptions options, Warnings warnings, PlanLog log) {
    this.options = options;
    this.targets = new Targets(options, null);
    this.planner = new ClassPlanner(targets, false, warnings, log);
    book.startPromising();
  }

  /**
   * Plans one class file; the JDK's, the runtime's and the agent's own classes are passed over, as
   * the agent passes them over.
   *
   * @return whether the class was planned
   */
  public boolean plan(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    if (ClassTransformer.isPlatformOrAgentClass(reader.getClassName())) {
      return false;
    }
    ClassNode survey = new ClassNode();
    reader.accept(survey, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    String className = survey.name.replace('/', '.');
    for (OptionKey key : OptionKey.values()) {
      if (!key.isPattern()) {
        continue;
      }
      for (MethodPattern p : options.patterns(key)) {
        if (p.matchesClass(className)) {
          for (MethodNode m : survey.methods) {
            if (p.methodMatch(m.name) != null) {
              matched.add(p);
            }
          }
        }
      }
    }
    ClassPlan plan = planner.plan(survey, false, false);
    if (!plan.isEmpty()) {
      // which frames a wildcard asked for the code needs, as the agent decides it
      ClassNode cn = new ClassNode();
      reader.accept(cn, 0);
      java.util.Map<String, Integer> promises = new java.util.HashMap<>();
      FrameWorth.leaveOut(cn, plan.methods(), targets, Set.of(), book, promises);
      book.recordRewritten(
          survey,
          plan.methods(),
          Set.of(),
          targets.framesWildcardCovers(survey.name),
          false,
          promises);
      planner.tellWildcardFrames(survey.name, plan.methods());
    }
    return true;
  }

  /** Each pattern that named no method of the classes planned, as {@code key=pattern}. */
  public List<String> unmatchedPatterns() {
    List<String> unmatched = new ArrayList<>();
    for (OptionKey key : OptionKey.values()) {
      if (!key.isPattern()) {
        continue;
      }
      for (MethodPattern p : options.patterns(key)) {
        if (!matched.contains(p)) {
          unmatched.add(key.key() + "=" + p.text());
        }
      }
    }
    return unmatched;
  }
}
