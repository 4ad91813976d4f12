package dev.taskrt.internal.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The senders' one-wake-up-in-flight rule ({@link WaitList}), step by step on one thread, in the
 * orders that a sender in {@link Waiting}'s loop and a receiver can take. A freed slot must wake a
 * waiting sender whenever no sender woken earlier is still on its way back.
 */
class SenderWakeUpTest {
  private final RingBuffer ring = new RingBuffer(1);
  private final WaitList senders = new WaitList();
  private final Thread a = new Thread(() -> {}); // never started: unpark does nothing
  private final Thread b = new Thread(() -> {});

  /** A receiver frees a slot, as {@code RingPipe.poll} does. */
  private void receive() {
    assertThat(ring.poll()).isNotNull();
    if (senders.hasWaiters()) {
      senders.wakeOneUnlessPending();
    }
  }

  @Test
  void aSenderThatRanAgainUndetachedThenGotInLeavesNoWakeUpPending() {
    ring.offer("full");
    senders.add(a); // A parks on the full ring
    senders.wokenUp(); // A runs again without a detach (a spurious wake-up): nothing to clear
    receive(); // the receiver frees the slot and detaches A: A's wake-up is pending
    senders.add(a); // A's next turn lists it again...
    assertThat(ring.offer("a")).isEqualTo(RingBuffer.OK); // ...and it gets in
    senders.leaveWokenOneAtATime(a, true); // A leaves, listed

    senders.add(b); // B parks on the full ring
    receive(); // a later freed slot
    assertThat(senders.hasWaiters())
        .as("B woken: no wake-up is left pending by a sender that has gone")
        .isFalse();
  }

  @Test
  void aDetachedSenderThatLeavesWithoutSendingPassesItsWakeUpOn() {
    ring.offer("full");
    senders.add(a);
    senders.add(b);
    receive(); // detaches A, pending
    senders.wokenUp(); // A runs again...
    senders.leaveWokenOneAtATime(a, false); // ...and leaves without sending (a kill)
    assertThat(senders.hasWaiters()).as("B woken in A's place").isFalse();
  }

  @Test
  void aPendingWakeUpHoldsBackTheNextUntilTheWokenSenderRunsAgain() {
    ring.offer("full");
    senders.add(a);
    senders.add(b);
    receive(); // detaches A
    ring.offer("c"); // someone else took the slot
    receive(); // A has not run yet: B is not woken
    assertThat(senders.hasWaiters()).isTrue();
    senders.wokenUp(); // A runs again and finds the ring with room...
    assertThat(ring.offer("a")).isEqualTo(RingBuffer.OK);
    senders.leaveWokenOneAtATime(a, true);
    receive(); // the next freed slot wakes B
    assertThat(senders.hasWaiters()).isFalse();
  }
}
