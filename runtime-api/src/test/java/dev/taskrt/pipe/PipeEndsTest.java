package dev.taskrt.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Pipes;
import dev.taskrt.Port;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskFailedException;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskKilledError;
import dev.taskrt.TaskState;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What receivers see when the tasks that hold a pipe's chan end. */
class PipeEndsTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  private static <T> TaskHandle<T> unlinked(String name, java.util.concurrent.Callable<T> body) {
    return Tasks.builder().name(name).mode(SpawnMode.UNLINKED).spawn(body);
  }

  @Test
  void aBlockedReceiverWakesWithTheSendersFailureAfterDraining() throws Exception {
    Pipe<Integer> pipe = Pipes.stream(16);
    IllegalStateException boom = new IllegalStateException("disk on fire");
    CountDownLatch receiverWaiting = new CountDownLatch(1);
    TaskHandle<Object> sender =
        unlinked(
            "sender",
            () -> {
              pipe.chan().send(1); // the sending task now holds the chan
              pipe.chan().send(2);
              receiverWaiting.await(10, TimeUnit.SECONDS);
              pipe.chan().send(3);
              throw boom;
            });
    Port<Integer> port = pipe.port();
    List<Integer> got = new ArrayList<>();
    Throwable end =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              got.add(port.recv());
              got.add(port.recv());
              receiverWaiting.countDown();
              try {
                while (true) {
                  got.add(port.recv());
                }
              } catch (PipeClosedException e) {
                return e;
              }
            });
    assertThat(got).containsExactly(1, 2, 3);
    assertThat(end).isInstanceOf(PipeBrokenException.class).hasCause(boom);
    assertThat(end.getMessage()).contains("'sender'").contains("failed");
    assertThatThrownBy(() -> sender.join(BOUND)).isInstanceOf(TaskFailedException.class);
  }

  @Test
  void aMakerOfManyAnsweredOneshotsBreaksOnlyTheUnansweredOnesWhenItFails() {
    // More pipes than the maker's list holds before it sweeps the answered ones out.
    int answered = 200;
    IllegalStateException boom = new IllegalStateException("maker failed");
    AtomicReference<List<Port<Integer>>> ports = new AtomicReference<>();
    TaskHandle<Object> maker =
        unlinked(
            "maker",
            () -> {
              List<Port<Integer>> made = new ArrayList<>();
              for (int i = 0; i < answered; i++) {
                Pipe<Integer> pipe = Pipes.oneshot();
                pipe.chan().send(i);
                made.add(pipe.port());
              }
              for (int i = 0; i < 3; i++) {
                made.add(Pipes.<Integer>oneshot().port()); // made, never answered
              }
              ports.set(made);
              throw boom;
            });
    assertThatThrownBy(() -> maker.join(BOUND)).isInstanceOf(TaskFailedException.class);
    List<Port<Integer>> made = ports.get();
    for (int i = 0; i < answered; i++) {
      assertThat(made.get(i).recv()).isEqualTo(i);
    }
    for (int i = answered; i < made.size(); i++) {
      Port<Integer> unanswered = made.get(i);
      Throwable end =
          assertTimeoutPreemptively(
              BOUND, () -> catchClosed(unanswered::recv), "a receiver waited forever");
      assertThat(end).isInstanceOf(PipeBrokenException.class).hasCause(boom);
    }
  }

  private static Throwable catchClosed(Runnable receive) {
    try {
      receive.run();
      return null;
    } catch (PipeClosedException e) {
      return e;
    }
  }

  @Test
  void aStreamClosesCleanlyWhenItsHolderReturns() {
    Pipe<String> pipe = Pipes.stream(4);
    unlinked(
        "producer",
        () -> {
          pipe.chan().send("a");
          pipe.chan().send("b");
          return null;
        });
    List<String> got = new ArrayList<>();
    assertTimeoutPreemptively(BOUND, () -> pipe.port().forEach(got::add));
    assertThat(got).containsExactly("a", "b");
    assertThatThrownBy(() -> pipe.port().recv()).isExactlyInstanceOf(PipeClosedException.class);
  }

  @Test
  void theMakersEndClosesAPipeItStillHolds() {
    Port<String> port =
        assertTimeoutPreemptively(
            BOUND,
            () ->
                Tasks.run(
                    "maker",
                    () -> {
                      Pipe<String> pipe = Pipes.stream(2);
                      pipe.chan().send("before the end");
                      return pipe.port();
                    }));
    assertThat(port.recv()).isEqualTo("before the end");
    assertThatThrownBy(port::recv)
        .isExactlyInstanceOf(PipeClosedException.class)
        .hasMessageContaining("'maker'");
  }

  @Test
  void aStreamWhoseMakerReturnsIsHeldByItsProducer() throws Exception {
    AtomicReference<Port<Integer>> port = new AtomicReference<>();
    CountDownLatch makerEnded = new CountDownLatch(1);
    RuntimeException failure = new RuntimeException("sender failed later");
    TaskHandle<Object> maker =
        unlinked(
            "maker",
            () -> {
              Pipe<Integer> pipe = Pipes.stream(4);
              port.set(pipe.port());
              unlinked(
                  "sender",
                  () -> {
                    makerEnded.await(10, TimeUnit.SECONDS);
                    // The maker ended DONE before anyone sent: it handed the chan on.
                    pipe.chan().send(1);
                    pipe.chan().send(2);
                    throw failure;
                  });
              return null;
            });
    maker.join(BOUND);
    makerEnded.countDown();
    List<Integer> got = new ArrayList<>();
    Throwable end =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                while (true) {
                  got.add(port.get().recv());
                }
              } catch (PipeClosedException e) {
                return e;
              }
            });
    assertThat(got).containsExactly(1, 2);
    assertThat(end).isInstanceOf(PipeBrokenException.class).hasCause(failure);
  }

  @Test
  void aKilledSenderBreaksThePipeWithItsKill() throws Exception {
    Pipe<Integer> pipe = Pipes.stream(1);
    TaskHandle<Object> sender =
        unlinked(
            "stuck-sender",
            () -> {
              for (int i = 0; ; i++) {
                pipe.chan().send(i); // blocks once the pipe is full
              }
            });
    assertThat(assertTimeoutPreemptively(BOUND, () -> pipe.port().recv())).isEqualTo(0);
    waitForState(sender, TaskState.BLOCKED);
    sender.kill();
    Throwable end =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                while (true) {
                  pipe.port().recv();
                }
              } catch (PipeClosedException e) {
                return e;
              }
            });
    assertThat(end).isInstanceOf(PipeBrokenException.class);
    assertThat(end.getCause()).isInstanceOf(TaskKilledError.class);
    assertThat(end.getMessage()).contains("was killed");
  }

  @Test
  void aSharedPipeStaysOpenWhileAnySenderLives() throws Exception {
    Pipe<String> pipe = Pipes.shared(8);
    CountDownLatch bothSent = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    unlinked(
        "quick",
        () -> {
          pipe.chan().send("quick");
          bothSent.countDown();
          bothSent.await(10, TimeUnit.SECONDS); // a sender counts from its first send
          return null;
        });
    unlinked(
        "slow",
        () -> {
          pipe.chan().send("slow-1");
          bothSent.countDown();
          release.await(10, TimeUnit.SECONDS);
          pipe.chan().send("slow-2");
          return null;
        });
    assertThat(bothSent.await(10, TimeUnit.SECONDS)).isTrue();
    List<String> got = new ArrayList<>();
    got.add(pipe.port().recv());
    got.add(pipe.port().recv());
    // "quick" may have ended; the pipe is still open because "slow" holds it.
    assertThat(pipe.port().recv(Duration.ofMillis(50))).isEmpty();
    release.countDown();
    assertTimeoutPreemptively(BOUND, () -> pipe.port().forEach(got::add));
    assertThat(got).containsExactlyInAnyOrder("quick", "slow-1", "slow-2");
  }

  @Test
  void aSharedPipeBreaksAfterTheLastSenderIfOneFailed() throws Exception {
    Pipe<String> pipe = Pipes.shared(8);
    CountDownLatch bothSent = new CountDownLatch(2);
    RuntimeException failure = new RuntimeException("worker 1 failed");
    unlinked(
        "worker-1",
        () -> {
          pipe.chan().send("w1");
          bothSent.countDown();
          bothSent.await(10, TimeUnit.SECONDS); // a sender counts from its first send
          throw failure;
        });
    unlinked(
        "worker-2",
        () -> {
          pipe.chan().send("w2");
          bothSent.countDown();
          bothSent.await(10, TimeUnit.SECONDS);
          pipe.chan().send("w2-last");
          return null;
        });
    List<String> got = new ArrayList<>();
    Throwable end =
        assertTimeoutPreemptively(
            BOUND,
            () -> {
              try {
                while (true) {
                  got.add(pipe.port().recv());
                }
              } catch (PipeClosedException e) {
                return e;
              }
            });
    assertThat(got).containsExactlyInAnyOrder("w1", "w2", "w2-last");
    assertThat(end).isInstanceOf(PipeBrokenException.class).hasCause(failure);
  }

  @Test
  void aSenderThatClosesItsPartLetsGoOfASharedPipe() {
    Pipe<Integer> pipe = Pipes.shared(4);
    TaskHandle<Object> closer =
        unlinked(
            "closer",
            () -> {
              pipe.chan().send(1);
              pipe.chan().close();
              Tasks.sleep(Duration.ofSeconds(30)); // alive, but no longer a sender
              return null;
            });
    assertTimeoutPreemptively(
        BOUND,
        () -> {
          assertThat(pipe.port().recv()).isEqualTo(1);
          assertThatThrownBy(() -> pipe.port().recv())
              .isExactlyInstanceOf(PipeClosedException.class);
        });
    assertThat(closer.state()).isNotIn(TaskState.DONE, TaskState.FAILED, TaskState.KILLED);
    closer.kill();
  }

  @Test
  void aSenderTaskGetsPipeClosedWhenTheReceiverClosesThePort() {
    Pipe<Integer> pipe = Pipes.stream(1);
    TaskHandle<Integer> sender =
        unlinked(
            "sender",
            () -> {
              int sent = 0;
              try {
                while (true) {
                  pipe.chan().send(sent);
                  sent++;
                }
              } catch (PipeClosedException e) {
                return sent;
              }
            });
    waitForState(sender, TaskState.BLOCKED);
    pipe.port().close();
    assertThat(assertTimeoutPreemptively(BOUND, () -> sender.join(BOUND))).isEqualTo(1);
  }

  @Test
  void aOneshotAnswerCrossesTasks() {
    Pipe<String> request = Pipes.oneshot();
    unlinked(
        "server",
        () -> {
          request.chan().send("answer");
          return null;
        });
    assertThat(assertTimeoutPreemptively(BOUND, () -> request.port().recv())).isEqualTo("answer");
  }

  @Test
  void aOneshotWhoseMakerFailsBeforeAnsweringIsBroken() throws Exception {
    AtomicReference<Port<String>> handedOut = new AtomicReference<>();
    IllegalArgumentException bad = new IllegalArgumentException("bad request");
    TaskHandle<Object> maker =
        unlinked(
            "maker",
            () -> {
              Pipe<String> reply = Pipes.oneshot();
              handedOut.set(reply.port());
              throw bad;
            });
    assertThatThrownBy(() -> maker.join(BOUND)).isInstanceOf(TaskFailedException.class);
    assertThatThrownBy(() -> handedOut.get().recv())
        .isInstanceOf(PipeBrokenException.class)
        .hasCause(bad);
  }

  static void waitForState(TaskHandle<?> task, TaskState wanted) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (task.state() != wanted) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(task + " never reached " + wanted);
      }
      Thread.onSpinWait();
    }
  }
}
