package dev.taskrt.inspect;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inspect FILE.jfr [VIEW] [OPTIONS]}: reads a JFR recording of a taskrt run and shows what
 * the tasks did, as terminal text, JSON or a self-contained HTML page. The agent jar's command line
 * hands {@code java -jar taskrt-agent.jar inspect ...} to {@link #run}; {@link #main} runs it
 * directly. See {@code docs/INSPECT.md}.
 */
public final class InspectCommand {
  private InspectCommand() {}

  /** Runs the command and exits the JVM with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command, writing to {@code System.out} and {@code System.err}.
   *
   * @param args the arguments after the word {@code inspect} (a leading {@code inspect} is skipped)
   * @return the exit status, one of {@link ExitStatus}
   */
  public static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0
        && "inspect".equals(args[0])
        && !Files.exists(java.nio.file.Path.of(args[0]))) {
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    try {
      InspectOptions options = InspectOptions.parse(args);
      if (options.help) {
        out.println(InspectOptions.USAGE);
        return ExitStatus.OK;
      }
      Recording rec =
          RecordingReader.read(
              options.file,
              options.keep > 0 ? options.keep : capacity(),
              options.quiet ? null : err);
      List<View> views = new ArrayList<>();
      for (String name : options.views) {
        views.add(view(name, rec, options));
      }
      if (options.html != null) {
        List<View> all = new ArrayList<>();
        for (String name : InspectOptions.VIEWS) {
          all.add(view(name, rec, options));
        }
        writeHtml(options, rec, all);
        if (!options.viewNamed && !options.json) {
          out.println(
              "wrote "
                  + options.html
                  + " ("
                  + Format.count(Math.max(rec.taskStarts, rec.taskEnds))
                  + " tasks)");
          return ExitStatus.OK;
        }
      }
      if (options.json) {
        StringBuilder b = new StringBuilder(1 << 14);
        Json j = new Json(b);
        j.beginObject();
        j.field("format", "taskrt-inspect/1");
        for (View v : views) {
          j.name(v.name());
          v.json(j);
        }
        j.endObject();
        out.println(b);
      } else {
        boolean colour = options.colour != null ? options.colour : TextOut.colourByDefault();
        TextOut text = new TextOut(out, colour);
        for (int i = 0; i < views.size(); i++) {
          if (i > 0) {
            text.blank();
          }
          views.get(i).text(text);
        }
        text.flush();
      }
      return ExitStatus.OK;
    } catch (InspectException e) {
      err.println(e.getMessage());
      return e.status;
    } catch (OutOfMemoryError e) {
      err.println(
          "inspect: out of memory; give the JVM more heap (-Xmx) or inspect a shorter recording");
      return ExitStatus.ERROR;
    }
  }

  private static View view(String name, Recording rec, InspectOptions options) {
    switch (name) {
      case "summary":
        return new SummaryView(rec);
      case "tree":
        return new TreeView(rec, options.depth, options.children, options.lines);
      case "failures":
        return new FailuresView(rec);
      case "stacks":
        return new StacksView(rec, options.top);
      case "exit":
        return new ExitView(rec);
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private static void writeHtml(InspectOptions options, Recording rec, List<View> views)
      throws InspectException {
    String page = HtmlPage.render(rec, views);
    try {
      Files.writeString(options.html, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InspectException(
          ExitStatus.ERROR, "inspect: cannot write " + options.html + ": " + e.getMessage(), e);
    }
  }

  /** Tasks kept with a row of their own: as many as a third of the heap holds. */
  static int capacity() {
    long budget = Runtime.getRuntime().maxMemory() / 3;
    return (int)
        Math.max(10_000, Math.min(Integer.MAX_VALUE - 1, budget / TaskTable.BYTES_PER_ROW));
  }
}
