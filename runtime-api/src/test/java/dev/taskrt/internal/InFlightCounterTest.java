package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightCounterTest {
  private static void inThread(Runnable body) throws InterruptedException {
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
}
