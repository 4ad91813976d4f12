package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.SpawnMode;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import org.junit.jupiter.api.Test;

/** The one-section end of a task that returned normally, against a kill that came first. */
class TaskCompletionTest {
  private static TaskContext task(long id) {
    TaskContext t =
        new TaskContext(id, "t" + id, null, SpawnMode.LINKED, false, false, "test", null, 0, 0);
    t.attachAtCreation();
    return t;
  }

  @Test
  void aTaskThatReturnedIsDoneInOneStep() {
    TaskContext t = task(-1);
    assertThat(t.completeDoneAtOnce("value")).isTrue();
    assertThat(t.outcome()).isEqualTo(TaskState.DONE);
    assertThat(t.result()).isEqualTo("value");
    t.kill(); // too late: changes nothing
    assertThat(t.outcome()).isEqualTo(TaskState.DONE);
  }

  @Test
  void aKillThatCameFirstLeavesTheTaskForTheFullEnd() {
    TaskContext t = task(-2);
    t.kill();
    assertThat(t.completeDoneAtOnce("value")).isFalse();
    assertThat(t.outcome()).isNull(); // nothing decided yet
    assertThat(t.finishBody(null)).isInstanceOf(TaskKilledError.class);
  }
}
