package dev.taskrt.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Pipes;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code TaskBuilder.owning(...)}: a task owns the chans it is given from its spawn, so a receiver
 * never waits on a sender that ended before its first send.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipeOwningTest {
  /** Long enough that a receiver still waiting then is a receiver waiting on nobody. */
  private static final Duration NOBODY = Duration.ofSeconds(30);

  @Test
  void aReceiverSeesTheOwnerFailBeforeItsFirstSend() {
    Pipe<String> pipe = Pipes.stream(4);
    IllegalStateException boom = new IllegalStateException("no data");
    Tasks.builder()
        .name("producer")
        .mode(SpawnMode.UNLINKED)
        .owning(pipe.chan())
        .spawn(
            () -> {
              throw boom;
            });
    assertThatThrownBy(() -> pipe.port().recv(NOBODY))
        .isInstanceOf(PipeBrokenException.class)
        .hasMessageContaining("'producer'")
        .hasCause(boom);
  }

  @Test
  void anOwnerThatEndsWithoutSendingClosesTheChan() {
    for (Pipe<String> pipe :
        java.util.List.<Pipe<String>>of(Pipes.stream(4), Pipes.shared(4), Pipes.oneshot())) {
      Tasks.builder().name("quiet").owning(pipe.chan()).spawn(() -> null);
      assertThatThrownBy(() -> pipe.port().recv(NOBODY))
          .as("%s", pipe)
          .isExactlyInstanceOf(PipeClosedException.class)
          .hasMessageContaining("is closed");
    }
  }

  @Test
  void messagesSentBeforeTheOwnersFailureArriveFirst() {
    Pipe<Integer> pipe = Pipes.stream(8);
    Tasks.builder()
        .name("partial")
        .mode(SpawnMode.UNLINKED)
        .owning(pipe.chan())
        .spawn(
            () -> {
              pipe.chan().send(1);
              pipe.chan().send(2);
              throw new IllegalStateException("half way");
            });
    assertThat(pipe.port().recv(NOBODY)).contains(1);
    assertThat(pipe.port().recv(NOBODY)).contains(2);
    assertThatThrownBy(() -> pipe.port().recv(NOBODY))
        .isInstanceOf(PipeBrokenException.class)
        .hasRootCauseMessage("half way");
  }

  @Test
  void theSpawnersEndNoLongerEndsAChanItGaveAway() throws Exception {
    Pipe<String> pipe = Pipes.stream(1);
    CountDownLatch spawnerDone = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    Tasks.builder()
        .name("spawner")
        .spawn(
            () -> {
              // the spawner made the pipe, so it held it provisionally until it gave it away
              Tasks.builder()
                  .name("owner")
                  .owning(pipe.chan())
                  .mode(SpawnMode.UNLINKED)
                  .spawn(
                      () -> {
                        go.await();
                        pipe.chan().send("late");
                        return null;
                      });
              return null;
            })
        .join();
    spawnerDone.countDown();
    go.countDown();
    assertThat(pipe.port().recv(NOBODY)).contains("late");
    assertThatThrownBy(() -> pipe.port().recv(NOBODY)).isInstanceOf(PipeClosedException.class);
  }

  @Test
  void aSpawnRefusedBecauseItsGroupIsFailingBreaksTheChansItWouldHaveOwned() {
    Pipe<String> pipe = Pipes.stream(1);
    CountDownLatch parentFailing = new CountDownLatch(1);
    TaskHandle<Object> parent =
        Tasks.builder()
            .name("failing-parent")
            .mode(SpawnMode.UNLINKED)
            .spawn(
                () -> {
                  Tasks.onUnwind(
                      () -> {
                        // the group is failing: a spawn now is refused
                        Tasks.builder().name("refused").owning(pipe.chan()).spawn(() -> null);
                        parentFailing.countDown();
                      });
                  throw new IllegalStateException("parent broke");
                });
    assertThatThrownBy(() -> pipe.port().recv(NOBODY))
        .isInstanceOf(PipeBrokenException.class)
        .hasMessageContaining("'refused'");
    assertThat(parent).isNotNull();
  }

  @Test
  void aChanNotMadeByPipesCannotBeOwned() {
    Chan<String> foreign =
        new Chan<>() {
          @Override
          public void send(String message) {}

          @Override
          public void close() {}
        };
    assertThatThrownBy(() -> Tasks.builder().owning(foreign))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only a chan from Pipes");
  }
}
