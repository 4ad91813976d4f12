package dev.taskrt.inspect.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code top} shows at one moment: the live tasks of the last complete live-task snapshot, the
 * kernel's last counts, and the failures and kills seen since {@code top} attached.
 *
 * @param at when the live-task snapshot was taken
 * @param live live tasks by state, as the runtime counted them
 * @param bySchedulers listed tasks by scheduler, most first
 * @param tasks the listed tasks
 * @param kernel the last {@code taskrt.KernelStats}, or null
 * @param failures failures since attach, newest first, each with the kills it caused
 * @param cancellations tasks killed by a cancellation (not by a failure) since attach, newest first
 */
record LiveSnapshot(
    Instant at,
    Live live,
    Map<String, Integer> bySchedulers,
    List<Row> tasks,
    Kernel kernel,
    List<Failure> failures,
    List<Row> cancellations) {

  /** The runtime's counts for the snapshot. */
  record Live(long tasks, long listed, long running, long blocked, long foreign, long unwinding) {}

  /**
   * One live task.
   *
   * @param ageNanos how long it has run at least: since the first snapshot that listed it
   * @param ageKnown whether that is within one snapshot interval of its start (false: it started
   *     before {@code top} attached, and may be much older)
   */
  record Row(
      long id,
      String name,
      long parentId,
      String state,
      String scheduler,
      String mode,
      boolean weak,
      long ageNanos,
      boolean ageKnown,
      String waitKind,
      String waitDetail,
      long waitId) {

    /** What the task waits on, in words: {@code pipe recv on stream #3}, {@code join worker #4}. */
    String waitsOn() {
      switch (waitKind) {
        case "":
          return "";
        case "pipe":
          return "pipe " + waitDetail + " #" + waitId;
        case "join":
          return "join " + waitDetail + " #" + waitId;
        case "foreign":
          return "foreign " + waitDetail;
        default:
          return waitKind;
      }
    }
  }

  /** The kernel's counts from {@code taskrt.KernelStats}. */
  record Kernel(
      long liveTasks,
      long strongTasks,
      long weakTasks,
      long tasksStarted,
      long tasksFailed,
      long tasksKilled,
      long messagesInFlight) {}

  /** A task's failure and the tasks its failure killed through links. */
  record Failure(Instant at, long taskId, String taskName, String cause, List<Kill> kills) {}

  /** A task killed by a linked failure. */
  record Kill(long taskId, String taskName, long viaId, String direction) {}
}
