package dev.taskrt.inspect;

import java.nio.file.Path;
import java.util.List;

/**
 * The parsed command line of {@code inspect}; immutable. {@link #parse} names the argument that was
 * wrong and what would be valid.
 */
final class InspectOptions {
  /** The views, in the order {@code all} shows them. */
  static final List<String> VIEWS = List.of("summary", "tree", "failures", "stacks", "exit");

  static final String USAGE =
      String.join(
          "\n",
          "usage: inspect FILE.jfr [VIEW] [OPTIONS]",
          "",
          "Shows what the tasks of a taskrt run did, from its JFR recording.",
          "",
          "views (default: summary):",
          "  summary    tasks by outcome and scheduler, run-time percentiles, stack,",
          "             allocation, pipes and messages in flight",
          "  tree       the task tree with names, run times and outcomes",
          "  failures   each failure with its linked-failure chain, hooks, double failures",
          "  stacks     tasks by stack high water and segments crossed",
          "  exit       the shutdown timeline: trigger, tasks waited for and killed,",
          "             at_exit handlers",
          "  all        every view above, one after another",
          "",
          "options:",
          "  --html FILE      also write a self-contained HTML page with a timeline",
          "  --json           print JSON instead of text (all views unless one is named)",
          "  --depth N        tree: show N levels, collapse what is deeper (default: all)",
          "  --children N     tree: show at most N children per task (default 20)",
          "  --lines N        tree: show at most N tasks (default 200)",
          "  --top N          stacks: show the N largest (default 20)",
          "  --keep N         keep a row for at most N tasks (default: what a third of",
          "                   the heap holds); tasks beyond are counted, not placed",
          "  --color, --no-color   colours on or off (default: on for a terminal,",
          "                   off when NO_COLOR is set)",
          "  --quiet          no progress line on stderr",
          "",
          "exit status: 0 ok, 1 error, 2 usage, 3 no such file, 4 not a recording,",
          "5 truncated or damaged recording, 6 no taskrt events in the recording");

  final Path file;
  final List<String> views;
  final boolean viewNamed;
  final Path html;
  final boolean json;
  final int depth;
  final int children;
  final int lines;
  final int top;
  final int keep;
  final Boolean colour;
  final boolean quiet;
  final boolean help;

  private InspectOptions(
      Path file,
      List<String> views,
      boolean viewNamed,
      Path html,
      boolean json,
      int depth,
      int children,
      int lines,
      int top,
      int keep,
      Boolean colour,
      boolean quiet,
      boolean help) {
    this.file = file;
    this.views = views;
    this.viewNamed = viewNamed;
    this.html = html;
    this.json = json;
    this.depth = depth;
    this.children = children;
    this.lines = lines;
    this.top = top;
    this.keep = keep;
    this.colour = colour;
    this.quiet = quiet;
    this.help = help;
  }

  static InspectOptions parse(String[] args) throws InspectException {
    Path file = null;
    String view = null;
    Path html = null;
    boolean json = false;
    int depth = Integer.MAX_VALUE;
    int children = 20;
    int lines = 200;
    int top = 20;
    int keep = 0;
    Boolean colour = null;
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "-h":
        case "--help":
          return new InspectOptions(
              null, List.of(), false, null, false, 0, 0, 0, 0, 0, null, false, true);
        case "--html":
          html = Path.of(value(args, ++i, a));
          break;
        case "--json":
          json = true;
          break;
        case "--depth":
          depth = number(args, ++i, a, 1);
          break;
        case "--children":
          children = number(args, ++i, a, 1);
          break;
        case "--lines":
          lines = number(args, ++i, a, 1);
          break;
        case "--top":
          top = number(args, ++i, a, 1);
          break;
        case "--keep":
          keep = number(args, ++i, a, 1);
          break;
        case "--color":
        case "--colour":
          colour = Boolean.TRUE;
          break;
        case "--no-color":
        case "--no-colour":
          colour = Boolean.FALSE;
          break;
        case "--quiet":
        case "-q":
          quiet = true;
          break;
        default:
          if (a.startsWith("-") && a.length() > 1) {
            throw usage("unknown option '" + a + "'");
          }
          if (file == null) {
            file = Path.of(a);
          } else if (view == null) {
            if (!VIEWS.contains(a) && !"all".equals(a)) {
              throw usage("unknown view '" + a + "'; valid: " + String.join(", ", VIEWS) + ", all");
            }
            view = a;
          } else {
            throw usage("unexpected argument '" + a + "' (one file and one view at most)");
          }
      }
    }
    if (file == null) {
      throw usage("no recording named");
    }
    List<String> views;
    if (view == null) {
      views = json ? VIEWS : List.of("summary");
    } else {
      views = "all".equals(view) ? VIEWS : List.of(view);
    }
    return new InspectOptions(
        file,
        views,
        view != null,
        html,
        json,
        depth,
        children,
        lines,
        top,
        keep,
        colour,
        quiet,
        false);
  }

  private static String value(String[] args, int i, String option) throws InspectException {
    if (i >= args.length || args[i].startsWith("--")) {
      throw usage(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String[] args, int i, String option, int min) throws InspectException {
    String text = value(args, i, option);
    try {
      int n = Integer.parseInt(text);
      if (n < min) {
        throw usage(option + " must be at least " + min + ", was " + text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw usage(option + " needs a whole number, was '" + text + "'");
    }
  }

  private static InspectException usage(String problem) {
    return new InspectException(
        ExitStatus.USAGE, "inspect: " + problem + "\n" + "run 'inspect --help' for usage");
  }
}
