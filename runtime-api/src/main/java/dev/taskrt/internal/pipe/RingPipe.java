package dev.taskrt.internal.pipe;

import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.InFlightCell;
import dev.taskrt.internal.TaskContext;
import java.util.Objects;

/**
 * Not API. A pipe over a {@link RingBuffer}: {@code Pipes.stream} and {@code Pipes.shared}.
 *
 * <h2>Design notes</h2>
 *
 * <p>A send counts the message in, offers it to the ring (lock-free, no allocation) and, if a
 * receiver is parked, wakes it. When the ring is full the sender waits in {@link #senders} until a
 * receiver frees a slot (a receive that took a message wakes one parked sender, unless one it woke
 * has not run yet; a sender that got in wakes the next while there is room, see {@link WaitList})
 * or the pipe ends (which wakes them all). Sends are refused atomically by closing the ring's
 * producer side, so a send either entered the ring before the end, and will be received or dropped
 * by a port close, or throws. The ring's volatile sequence stores followed by the wait lists'
 * volatile count loads give the hand-off described in {@link WaitList}.
 *
 * <p><b>Counting.</b> The kernel's in-flight count is kept per thread ({@link InFlightCell}); a
 * pipe keeps the cell of its last receiver, and a stream that of its last sender, so a thread that
 * sends or receives many messages in a row finds its cell with one comparison instead of a lookup.
 * A shared pipe's senders take turns too fast for a cached cell to pay: they look theirs up.
 */
abstract class RingPipe<T> extends PipeCore<T> {
  final RingBuffer ring;

  /** Senders parked on a full ring. */
  final WaitList senders = new WaitList();

  /** The cell of the thread that last received here: a racy cache, see {@link InFlightCell}. */
  private InFlightCell receiverCell;

  /** The cell of the thread that last sent here (streams only): a racy cache. */
  private InFlightCell senderCell;

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
    senderCell().sent();
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
    if (senders.hasWaiters() && ring.hasRoom()) {
      senders.wakeOneUnlessPending(); // pass the turn on while there is room (see WaitList)
    }
  }

  /** How many extra tries a sender makes on a full pipe before it parks. */
  abstract int senderSpins();

  /** Whether senders take turns rarely enough that caching the last sender's cell pays. */
  abstract boolean cachesSenderCell();

  private InFlightCell senderCell() {
    InFlightCell cell = senderCell;
    if (cell == null || !cell.isMine()) {
      cell = KERNEL.messageCell();
      if (cachesSenderCell()) {
        senderCell = cell;
      }
    }
    return cell;
  }

  private InFlightCell receiverCell() {
    InFlightCell cell = receiverCell;
    if (cell == null || !cell.isMine()) {
      cell = KERNEL.messageCell();
      receiverCell = cell;
    }
    return cell;
  }

  @Override
  final Object poll() {
    Object message = ring.poll();
    if (message != null) {
      receiverCell().taken(1);
      if (senders.hasWaiters()) {
        senders.wakeOneUnlessPending(); // one slot freed: one sender, if none is on its way
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
