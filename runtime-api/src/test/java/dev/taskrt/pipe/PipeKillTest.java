package dev.taskrt.pipe;

import static dev.taskrt.pipe.PipeEndsTest.waitForState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.Pipes;
import dev.taskrt.Select;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** A task blocked on a pipe is BLOCKED, and a kill ends its wait: the task ends KILLED. */
class PipeKillTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static void killWhileBlocked(Callable<Object> body) {
    TaskHandle<Object> task = Tasks.builder().name("blocked").mode(SpawnMode.UNLINKED).spawn(body);
    waitForState(task, TaskState.BLOCKED);
    task.kill();
    assertThatThrownBy(() -> task.join(BOUND))
        .isInstanceOf(TaskFailedException.class)
        .hasCauseInstanceOf(TaskKilledError.class);
    assertThat(task.state()).isEqualTo(TaskState.KILLED);
  }

  @Test
  void killEndsATaskBlockedInSend() {
    Pipe<Integer> pipe = Pipes.stream(1);
    pipe.chan().send(0);
    killWhileBlocked(
        () -> {
          pipe.chan().send(1);
          return null;
        });
    // The killed task had taken the chan by sending: the pipe is broken after the one message
    // that entered it (the killed send never did).
    assertThat(pipe.port().recv()).isEqualTo(0);
    assertThatThrownBy(() -> pipe.port().tryRecv())
        .isInstanceOf(PipeBrokenException.class)
        .hasCauseInstanceOf(TaskKilledError.class);
  }

  @Test
  void killEndsATaskBlockedInRecv() {
    Pipe<Integer> pipe = Pipes.stream(1);
    killWhileBlocked(() -> pipe.port().recv());
    pipe.chan().send(7); // the pipe still works for others
    assertThat(pipe.port().recv()).isEqualTo(7);
  }

  @Test
  void killEndsATaskBlockedInATimedRecv() {
    Pipe<Integer> pipe = Pipes.shared(1);
    killWhileBlocked(() -> pipe.port().recv(Duration.ofMinutes(5)));
  }

  @Test
  void killEndsATaskBlockedInSelect() {
    Pipe<Integer> a = Pipes.stream(1);
    Pipe<String> b = Pipes.oneshot();
    killWhileBlocked(() -> Select.any(a.port(), b.port()));
  }

  @Test
  void killEndsATaskBlockedInOneshotRecv() {
    Pipe<Integer> pipe = Pipes.oneshot();
    killWhileBlocked(() -> pipe.port().recv());
  }

  @Test
  void aBlockedReceiveInsideAnUnkillableSectionFinishesBeforeTheKill() throws Exception {
    Pipe<Integer> pipe = Pipes.stream(1);
    TaskHandle<Integer> task =
        Tasks.builder()
            .name("shielded")
            .mode(SpawnMode.UNLINKED)
            .spawn(() -> Tasks.unkillable(() -> pipe.port().recv()));
    waitForState(task, TaskState.BLOCKED);
    task.kill();
    Thread.sleep(50); // the kill waits: the task stays blocked in its receive
    assertThat(task.state()).isEqualTo(TaskState.BLOCKED);
    pipe.chan().send(42);
    assertThatThrownBy(() -> task.join(BOUND)).isInstanceOf(TaskFailedException.class);
    assertThat(task.state()).isEqualTo(TaskState.KILLED);
    assertThat(pipe.port().tryRecv()).isEmpty(); // the shielded receive took the message
  }
}
