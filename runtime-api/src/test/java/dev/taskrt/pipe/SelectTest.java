package dev.taskrt.pipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Pipes;
import dev.taskrt.Port;
import dev.taskrt.Select;
import dev.taskrt.Selected;
import dev.taskrt.SpawnMode;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelectTest {
  private static final Duration BOUND = Duration.ofSeconds(10);

  @Test
  void noReadyPortIsStarvedOverManyRounds() {
    int ports = 4;
    int rounds = 20_000;
    @SuppressWarnings("unchecked")
    Pipe<Integer>[] pipes = new Pipe[ports];
    Port<?>[] all = new Port<?>[ports];
    for (int i = 0; i < ports; i++) {
      pipes[i] = Pipes.stream(2);
      pipes[i].chan().send(i);
      all[i] = pipes[i].port();
    }
    int[] chosen = new int[ports];
    for (int round = 0; round < rounds; round++) {
      Selected selected = Select.any(all);
      int index = selected.index();
      assertThat((Integer) selected.value()).isEqualTo(index);
      chosen[index]++;
      pipes[index].chan().send(index); // every port stays ready
    }
    for (int i = 0; i < ports; i++) {
      // A fair choice gives each a quarter; a starved port would get (nearly) none.
      assertThat(chosen[i])
          .as("port %d of %s", i, java.util.Arrays.toString(chosen))
          .isGreaterThan(rounds / ports / 2);
    }
  }

  @Test
  void aClosedPortCountsAsReady() {
    Pipe<Integer> open = Pipes.stream(1);
    Pipe<Integer> closed = Pipes.stream(1);
    closed.chan().close();
    Selected selected =
        assertTimeoutPreemptively(BOUND, () -> Select.any(open.port(), closed.port()));
    assertThat(selected.index()).isEqualTo(1);
    assertThat(selected.closed()).isTrue();
    assertThatThrownBy(selected::value).isExactlyInstanceOf(PipeClosedException.class);
  }

  @Test
  void aBrokenPortIsReportedWithItsCause() {
    Pipe<Integer> pipe = Pipes.stream(1);
    IllegalStateException failure = new IllegalStateException("sender failed");
    Tasks.builder()
        .mode(SpawnMode.UNLINKED)
        .spawn(
            () -> {
              pipe.chan().send(1);
              throw failure;
            });
    Selected first = assertTimeoutPreemptively(BOUND, () -> Select.any(pipe.port()));
    assertThat((Integer) first.value()).isEqualTo(1);
    Selected end = assertTimeoutPreemptively(BOUND, () -> Select.any(pipe.port()));
    assertThat(end.closed()).isTrue();
    assertThatThrownBy(end::value).isInstanceOf(PipeBrokenException.class).hasCause(failure);
  }

  @Test
  void theTimeoutFormReturnsEmptyWhenNothingIsReady() {
    Pipe<Integer> a = Pipes.stream(1);
    Pipe<Integer> b = Pipes.oneshot();
    assertThat(Select.any(Duration.ofMillis(30), a.port(), b.port())).isEmpty();
    assertThat(Select.any(Duration.ZERO, a.port(), b.port())).isEmpty();
  }

  @Test
  void aWaitingSelectWakesForAMessageOnAnyPort() {
    Pipe<String> a = Pipes.stream(1);
    Pipe<String> b = Pipes.shared(1);
    Pipe<String> c = Pipes.oneshot();
    Thread sender =
        new Thread(
            () -> {
              try {
                Thread.sleep(30);
              } catch (InterruptedException e) {
                return;
              }
              c.chan().send("from c");
            });
    sender.start();
    Optional<Selected> selected =
        assertTimeoutPreemptively(BOUND, () -> Select.any(BOUND, a.port(), b.port(), c.port()));
    assertThat(selected).isPresent();
    assertThat(selected.get().index()).isEqualTo(2);
    assertThat((String) selected.get().value()).isEqualTo("from c");
  }

  @Test
  void selectRefusesPortsItCannotWaitOn() {
    assertThatThrownBy(() -> Select.any()).isInstanceOf(IllegalArgumentException.class);
  }
}
