package dev.taskrt.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Pipes;
import dev.taskrt.internal.KernelState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Pipes used from plain threads: no task holds a chan, so ends come from explicit closes. */
class PipeBasicsTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void streamDeliversMessagesInOrder() {
    Pipe<Integer> pipe = Pipes.stream(3);
    Thread sender =
        new Thread(
            () -> {
              for (int i = 0; i < 1000; i++) {
                pipe.chan().send(i);
              }
              pipe.chan().close();
            });
    sender.start();
    List<Integer> received = new ArrayList<>();
    assertTimeoutPreemptively(BOUND, () -> pipe.port().forEach(received::add));
    assertThat(received).hasSize(1000);
    for (int i = 0; i < 1000; i++) {
      assertThat(received.get(i)).isEqualTo(i);
    }
  }

  @Test
  void receiverGetsEveryMessageSentBeforeTheCloseThenTheEnd() {
    Pipe<String> pipe = Pipes.stream(8);
    pipe.chan().send("a");
    pipe.chan().send("b");
    pipe.chan().close();
    assertThat(pipe.port().recv()).isEqualTo("a");
    assertThat(pipe.port().tryRecv()).contains("b");
    assertThatThrownBy(() -> pipe.port().recv())
        .isExactlyInstanceOf(PipeClosedException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> pipe.port().tryRecv()).isInstanceOf(PipeClosedException.class);
    assertThatThrownBy(() -> pipe.port().recv(Duration.ofMillis(1)))
        .isInstanceOf(PipeClosedException.class);
    assertThat(pipe.port().iterator().hasNext()).isFalse();
  }

  @Test
  void sendingAfterTheChanClosedThrows() {
    Pipe<String> pipe = Pipes.shared(2);
    pipe.chan().close();
    assertThatThrownBy(() -> pipe.chan().send("late")).isInstanceOf(PipeClosedException.class);
  }

  @Test
  void sendingToAClosedPortThrowsAndDropsWhatWasLeft() {
    long before = KernelState.get().messagesInFlight();
    Pipe<String> pipe = Pipes.stream(4);
    pipe.chan().send("dropped");
    pipe.port().close();
    assertThatThrownBy(() -> pipe.chan().send("x"))
        .isInstanceOf(PipeClosedException.class)
        .hasMessageContaining("port is closed");
    assertThatThrownBy(() -> pipe.port().recv()).isInstanceOf(PipeClosedException.class);
    assertThat(KernelState.get().messagesInFlight()).isEqualTo(before);
  }

  @Test
  void aSenderWaitingOnAFullPipeWakesWhenThePortCloses() throws Exception {
    Pipe<Integer> pipe = Pipes.stream(1);
    pipe.chan().send(1);
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread sender =
        new Thread(
            () -> {
              started.countDown();
              try {
                pipe.chan().send(2);
              } catch (Throwable e) {
                outcome.set(e);
              }
            });
    sender.start();
    started.await();
    waitUntilWaiting(sender);
    pipe.port().close();
    sender.join(BOUND.toMillis());
    assertThat(sender.isAlive()).isFalse();
    assertThat(outcome.get()).isInstanceOf(PipeClosedException.class);
  }

  @Test
  void aFullStreamMakesTheSenderWaitForSpace() throws Exception {
    Pipe<Integer> pipe = Pipes.stream(2);
    pipe.chan().send(1);
    pipe.chan().send(2);
    Thread sender = new Thread(() -> pipe.chan().send(3));
    sender.start();
    waitUntilWaiting(sender);
    assertThat(sender.isAlive()).isTrue();
    assertThat(pipe.port().recv()).isEqualTo(1);
    sender.join(BOUND.toMillis());
    assertThat(sender.isAlive()).isFalse();
    assertThat(pipe.port().recv()).isEqualTo(2);
    assertThat(pipe.port().recv()).isEqualTo(3);
  }

  @Test
  void timedAndNonBlockingReceivesReturnEmptyWhileThePipeIsOpen() {
    Pipe<String> pipe = Pipes.stream(1);
    assertThat(pipe.port().tryRecv()).isEmpty();
    assertThat(pipe.port().recv(Duration.ofMillis(20))).isEmpty();
    assertThat(pipe.port().recv(Duration.ZERO)).isEmpty();
    assertThat(pipe.port().recv(Duration.ofMillis(-5))).isEmpty();
  }

  @Test
  void aVeryLongTimeoutWaitsLikeAnUntimedReceive() throws Exception {
    Pipe<String> pipe = Pipes.stream(1);
    AtomicReference<Optional<String>> got = new AtomicReference<>();
    Thread receiver = new Thread(() -> got.set(pipe.port().recv(Duration.ofDays(365 * 1000))));
    receiver.start();
    waitUntilWaiting(receiver);
    pipe.chan().send("eventually");
    receiver.join(BOUND.toMillis());
    assertThat(got.get()).contains("eventually");
  }

  @Test
  void aTimedReceiveGetsAMessageSentWhileItWaits() throws Exception {
    Pipe<String> pipe = Pipes.stream(1);
    Thread sender = new Thread(() -> pipe.chan().send("late"));
    AtomicReference<Optional<String>> got = new AtomicReference<>();
    Thread receiver = new Thread(() -> got.set(pipe.port().recv(BOUND)));
    receiver.start();
    waitUntilWaiting(receiver);
    sender.start();
    receiver.join(BOUND.toMillis() * 2);
    assertThat(got.get()).contains("late");
  }

  @Test
  void oneshotCarriesOneMessage() {
    Pipe<String> pipe = Pipes.oneshot();
    pipe.chan().send("reply");
    assertThatThrownBy(() -> pipe.chan().send("again"))
        .isInstanceOf(PipeClosedException.class)
        .hasMessageContaining("one message");
    assertThat(pipe.port().recv()).isEqualTo("reply");
    assertThatThrownBy(() -> pipe.port().recv()).isInstanceOf(PipeClosedException.class);
  }

  @Test
  void oneshotClosedBeforeSendingEndsTheReceiver() {
    Pipe<String> pipe = Pipes.oneshot();
    pipe.chan().close();
    assertThatThrownBy(() -> pipe.port().recv()).isExactlyInstanceOf(PipeClosedException.class);
    assertThatThrownBy(() -> pipe.chan().send("x")).isInstanceOf(PipeClosedException.class);
  }

  @Test
  void oneshotWakesAParkedReceiver() throws Exception {
    Pipe<String> pipe = Pipes.oneshot();
    AtomicReference<String> got = new AtomicReference<>();
    Thread receiver = new Thread(() -> got.set(pipe.port().recv()));
    receiver.start();
    waitUntilWaiting(receiver);
    pipe.chan().send("hello");
    assertTimeoutPreemptively(BOUND, () -> receiver.join());
    assertThat(got.get()).isEqualTo("hello");
  }

  @Test
  void nullMessagesAndBadCapacitiesAreRefused() {
    assertThatThrownBy(() -> Pipes.stream(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pipes.shared(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Pipes.<String>stream(1).chan().send(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void brokenIsAKindOfClosed() {
    assertThat(PipeClosedException.class).isAssignableFrom(PipeBrokenException.class);
  }

  @Test
  void messagesInFlightAreCountedUntilReceived() {
    KernelState kernel = KernelState.get();
    long before = kernel.messagesInFlight();
    Pipe<Integer> pipe = Pipes.stream(4);
    pipe.chan().send(1);
    pipe.chan().send(2);
    assertThat(kernel.messagesInFlight() - before).isEqualTo(2);
    pipe.port().recv();
    assertThat(kernel.messagesInFlight() - before).isEqualTo(1);
    pipe.port().recv();
    assertThat(kernel.messagesInFlight()).isEqualTo(before);
  }

  @Test
  void aNonPowerOfTwoCapacityHoldsExactlyThatMany() {
    Pipe<Integer> pipe = Pipes.stream(3);
    for (int lap = 0; lap < 5; lap++) {
      for (int i = 0; i < 3; i++) {
        pipe.chan().send(i);
      }
      Thread extra = new Thread(() -> pipe.chan().send(99));
      extra.start();
      waitUntilWaiting(extra);
      assertThat(extra.isAlive()).isTrue();
      assertThat(pipe.port().recv()).isEqualTo(0);
      assertTimeoutPreemptively(BOUND, () -> extra.join());
      assertThat(pipe.port().recv()).isEqualTo(1);
      assertThat(pipe.port().recv()).isEqualTo(2);
      assertThat(pipe.port().recv()).isEqualTo(99);
    }
  }

  /** Waits (bounded) until {@code thread} parks or waits. */
  static void waitUntilWaiting(Thread thread) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (true) {
      Thread.State state = thread.getState();
      if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(thread + " never waited; state " + state);
      }
      Thread.onSpinWait();
    }
  }
}
