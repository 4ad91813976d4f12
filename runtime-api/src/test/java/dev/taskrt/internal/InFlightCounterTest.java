package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InFlightCounterTest {
  /** Runs {@code body} in a new thread and waits for it to end. */
  static void inThread(Runnable body) throws InterruptedException {
    Thread thread = new Thread(body);
    thread.start();
    thread.join(10_000);
    assertThat(thread.isAlive()).isFalse();
  }

  @Test
  void countsFromEndedThreadsSurviveTheSweepOfTheirCells() throws Exception {
    InFlightCounter counter = new InFlightCounter();
    inThread(
        () -> {
          counter.sent();
          counter.sent();
          counter.sent();
        });
    for (int i = 0; i < 300; i++) { // enough new threads to sweep the ended ones several times
      inThread(counter::sent);
      inThread(() -> counter.taken(1));
    }
    assertThat(counter.inFlight()).isEqualTo(3);
    counter.taken(3);
    assertThat(counter.inFlight()).isZero();
  }

  @Test
  void aMessageTakenOnAnotherThreadIsNoLongerInFlight() throws Exception {
    InFlightCounter counter = new InFlightCounter();
    counter.sent();
    assertThat(counter.inFlight()).isEqualTo(1);
    inThread(() -> counter.taken(1));
    assertThat(counter.inFlight()).isZero();
  }

  @Test
  void liveThreadsWhoseIdsShareATableSlotKeepSeparateCounts() throws Exception {
    InFlightCounter counter = new InFlightCounter();
    CountDownLatch counted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              counter.sent();
              counter.sent();
              counted.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              counter.taken(1);
            });
    holder.start();
    assertThat(counted.await(10, TimeUnit.SECONDS)).isTrue();
    Thread sharer;
    do { // thread ids are handed out in order: one of the next TABLE_SIZE shares the slot
      sharer =
          new Thread(
              () -> {
                counter.sent();
                counter.sent();
                counter.sent();
                counter.taken(1);
              });
    } while ((sharer.getId() - holder.getId()) % InFlightCounter.TABLE_SIZE != 0);
    sharer.start();
    sharer.join(10_000);
    assertThat(counter.inFlight()).isEqualTo(4);
    release.countDown();
    holder.join(10_000);
    assertThat(holder.isAlive()).isFalse();
    assertThat(counter.inFlight()).isEqualTo(3);
  }
}
