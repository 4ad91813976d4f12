package dev.taskrt.samples.tour;

import dev.taskrt.AtExit;
import dev.taskrt.Kernel;
import dev.taskrt.samples.boundary.NativeSort;
import dev.taskrt.samples.crawler.Crawler;
import dev.taskrt.samples.deep.DeepInput;
import dev.taskrt.samples.deepnative.DeepNative;
import dev.taskrt.samples.legacy.OrderService;
import dev.taskrt.samples.pipeline.Pipeline;

/**
 * The tour that {@code ./taskrt demo} runs under the agent: the crawler twice (linked, then
 * supervised), the pipeline, the deep-input checks, the native boundary, the deep native call on a
 * stack of its own and the legacy order service (whose patterns {@code scripts/demo.sh} passes to
 * the agent), in one program and one recording. With {@code -Dtour.holdFile=FILE}, as {@code
 * ./taskrt demo} runs it, a last step holds a few tasks blocked until that file exists, so that
 * {@code top --once} finds them live ({@link HeldForTop}).
 */
public final class Tour {
  private Tour() {}

  /** Runs each sample in turn. */
  public static void main(String[] args) throws Exception {
    step("crawler, linked: one bad page stops the crawl");
    Crawler.main(new String[] {"linked"});
    step("crawler, supervised: the bad page fails alone");
    Crawler.main(new String[] {"supervised"});
    step("pipeline: producer -> transform -> sink, bounded");
    Pipeline.main(new String[] {"20"});
    step("deep input: a stack limit and a big stack");
    DeepInput.main(new String[0]);
    step("boundary: C's qsort calls a Java comparator that throws");
    try {
      NativeSort.main(new String[0]);
    } catch (UnsatisfiedLinkError notBuilt) {
      System.out.println("skipped: libnativesort is not built (it needs gcc)");
    }
    step("deep native: a C recursion that needs a 4m stack, on a stack of its own");
    try {
      DeepNative.main(new String[0]);
    } catch (UnsatisfiedLinkError notBuilt) {
      System.out.println("skipped: libdeepnative is not built (it needs gcc)");
    }
    step("legacy: an ExecutorService app, given tasks by agent options");
    OrderService.main(new String[0]);
    String hold = System.getProperty("tour.holdFile");
    if (hold != null) {
      step("live view: tasks held blocked while top --once looks at them");
      HeldForTop.run(hold);
    }
  }

  private static void step(String title) {
    System.out.println();
    System.out.println("== " + title);
  }

  /** Runs once at the end, after every strong task. */
  @AtExit("tour-summary")
  static void summary() {
    System.out.println();
    System.out.println("== at_exit: the tour is over, " + Kernel.liveTasks() + " tasks live");
  }
}
