package dev.taskrt.internal.pipe;

import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.TaskContext;
import java.util.Objects;

/**
 * Not API. A pipe over a {@link RingBuffer}: {@code Pipes.stream} and {@code Pipes.shared}.
 *
 * <h2>Design notes</h2>
 *
 * <p>A send counts the message in, offers it to the ring (lock-free, no allocation) and, if a
 * receiver is parked, wakes it. When the ring is full the sender waits in {@link #senders} until a
 * receiver frees a slot (a receive that took a message wakes one parked sender) or the pipe ends
 * (which wakes them all). Sends are refused atomically by closing the ring's producer side, so a
 * send either entered the ring before the end, and will be received or dropped by a port close, or
 * throws. The ring's volatile sequence stores followed by the wait lists' volatile count loads give
 * the hand-off described in {@link WaitList}.
 */
abstract class RingPipe<T> extends PipeCore<T> {
  final RingBuffer ring;

  /** Senders parked on a full ring. */
  final WaitList senders = new WaitList();

  RingPipe(int capacity) {
    this.ring = new RingBuffer(capacity);
  }

  @Override
  final void send(T message) {
    Objects.requireNonNull(message, "message");
    TaskContext task = CurrentTask.get();
    if (task != null) {
      task.checkpoint(); // every send is a kill checkpoint, so a killed sender stops sending
      noteSender(task);
    }
    KERNEL.messageSent();
    int result = ring.offer(message);
    if (result == RingBuffer.OK) {
      wakeReceivers();
      return;
    }
    sendSlow(message, result);
  }

  private void sendSlow(T message, int first) {
    boolean sent = false;
    try {
      if (first == RingBuffer.CLOSED_RESULT) {
        throw sendRefused();
      }
      Waiting.awaitSpace(
          () -> {
            int result = ring.offer(message);
            if (result == RingBuffer.OK) {
              return Boolean.TRUE;
            }
            if (result == RingBuffer.CLOSED_RESULT) {
              throw sendRefused();
            }
            return null;
          },
          senderSpins(),
          senders,
          this);
      sent = true;
    } finally {
      if (!sent) {
        KERNEL.messagesTaken(1); // it never entered the pipe
      }
    }
    wakeReceivers();
  }

  /** How many extra tries a sender makes on a full pipe before it parks. */
  abstract int senderSpins();

  @Override
  final Object poll() {
    Object message = ring.poll();
    if (message != null) {
      KERNEL.messagesTaken(1);
      if (senders.hasWaiters()) {
        senders.wakeOne(); // one slot freed: one sender
      }
    }
    return message;
  }

  @Override
  final boolean drained() {
    return ring.isClosedAndDrained();
  }

  @Override
  final void refuseSends() {
    ring.close();
    senders.wakeAll();
  }

  @Override
  final long dropAll() {
    return ring.drainClosed();
  }
}
