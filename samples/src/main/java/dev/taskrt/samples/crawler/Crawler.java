package dev.taskrt.samples.crawler;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.Pipes;
import dev.taskrt.Spawn;
import dev.taskrt.SpawnMode;
import dev.taskrt.Task;
import dev.taskrt.TaskHandle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Fetches the pages of a site in parallel, one task per page ({@code @Spawn}), and collects what
 * they found through one shared pipe.
 *
 * <p>Run with {@code linked} (the default): the fetches are linked to the crawl, so when one page
 * fails, its failure kills the crawl, and the crawl's end kills the other fetches still waiting for
 * their pages. Run with {@code supervised}: a failed page fails its own task only; the crawl keeps
 * every other page and learns of the failure from the pipe, which ends broken with its cause.
 */
public final class Crawler {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** How long each good page takes: long enough that a failure lands while the others wait. */
  private static final long PAGE_DELAY_MILLIS = 1000;

  private Crawler() {}

  /** {@code [linked|supervised]}. */
  public static void main(String[] args) throws Exception {
    SpawnMode mode = args.length > 0 ? SpawnMode.valueOf(args[0].toUpperCase()) : SpawnMode.LINKED;
    List<String> paths = List.of("/page/1", "/page/2", "/bad", "/page/3", "/page/4");
    try (SiteServer site = new SiteServer(PAGE_DELAY_MILLIS)) {
      System.out.println("crawl " + paths.size() + " pages, " + mode.name().toLowerCase());
      try {
        TreeMap<String, Integer> found = crawl(site.base(), paths, mode);
        System.out.println("crawl done: " + found.size() + " pages, " + total(found) + " bytes");
      } catch (Throwable stopped) {
        System.out.println("crawl stopped by " + stopped.getClass().getSimpleName() + ":");
        System.out.println("  " + stopped.getMessage());
      }
    }
  }

  /** Spawns one fetch per path and collects their results, sorted by path. */
  @Task(name = "crawl")
  static TreeMap<String, Integer> crawl(URI base, List<String> paths, SpawnMode mode) {
    Pipe<String> results = Pipes.shared(paths.size() * 2);
    Chan<String> chan = results.chan();
    // The crawl holds the pipe open until every fetch has started sending, so a fetch that ends
    // early cannot end it for the others.
    chan.send("crawl started");
    List<TaskHandle<Void>> fetches = new ArrayList<>();
    for (String path : paths) {
      URI page = base.resolve(path);
      fetches.add(mode == SpawnMode.LINKED ? fetch(page, chan) : fetchSupervised(page, chan));
    }
    TreeMap<String, Integer> found = new TreeMap<>();
    int started = 0;
    try {
      for (String message : results.port()) {
        String[] parts = message.split(" ");
        if (parts[0].equals("started") && ++started == paths.size()) {
          chan.close();
        } else if (parts[0].equals("fetched")) {
          found.put(parts[1], Integer.parseInt(parts[2]));
          System.out.println("  " + parts[1] + ": " + parts[2] + " bytes");
        }
      }
    } catch (PipeBrokenException broken) {
      System.out.println("  a fetch failed: " + broken.getCause().getMessage());
    }
    for (TaskHandle<Void> fetch : fetches) {
      if (fetch.state() != dev.taskrt.TaskState.DONE) {
        System.out.println("  " + fetch.name() + " ended " + fetch.state());
      }
    }
    return found;
  }

  /** Fetches one page as a task linked to the crawl. */
  @Spawn(name = "fetch")
  static TaskHandle<Void> fetch(URI page, Chan<String> results) {
    get(page, results);
    return null;
  }

  /** Fetches one page as a task the crawl supervises: its failure stays its own. */
  @Spawn(name = "fetch", mode = SpawnMode.SUPERVISED)
  static TaskHandle<Void> fetchSupervised(URI page, Chan<String> results) {
    get(page, results);
    return null;
  }

  private static void get(URI page, Chan<String> results) {
    results.send("started " + page.getPath());
    HttpResponse<String> response;
    try {
      response =
          HTTP.send(
              HttpRequest.newBuilder(page).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("cannot fetch " + page.getPath() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("fetch of " + page.getPath() + " interrupted", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode() + " from " + page.getPath());
    }
    results.send("fetched " + page.getPath() + " " + response.body().length());
  }

  private static int total(TreeMap<String, Integer> found) {
    return found.values().stream().mapToInt(Integer::intValue).sum();
  }
}
