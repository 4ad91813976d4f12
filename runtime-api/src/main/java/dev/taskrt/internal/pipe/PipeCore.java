package dev.taskrt.internal.pipe;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Port;
import dev.taskrt.TaskState;
import dev.taskrt.internal.CurrentTask;
import dev.taskrt.internal.KernelState;
import dev.taskrt.internal.OwnedByTask;
import dev.taskrt.internal.TaskContext;
import dev.taskrt.internal.jfr.RecordedPipe;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not API. What every pipe shares: its port (this object), its chan (a small view), the end state,
 * the receivers' wait list, and which task holds the chan.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Ends.</b> The sending side ends once: {@link #end} goes from null to an {@link End} by CAS
 * ({@link #endSending}), after which the subclass refuses new messages (atomically with respect to
 * sends, see {@link RingBuffer}) and every waiter is woken. Receivers keep taking what was sent
 * before the end and then get the end's exception. The receiving side ends by {@link #close()}:
 * {@link #portClosed} is set first, then the sending side is refused and the messages left are
 * dropped. Both flags are volatile; whoever observes a refused send or a drained buffer reads them
 * after the volatile write that refused it, so it sees why.
 *
 * <p><b>Holding.</b> By default (stream, oneshot) one task at a time holds the chan: {@link
 * #holder} is the last task that sent on it (a oneshot's senders never hold it). Until a task
 * sends, the maker holds it provisionally: while {@link #holder} is still null, the task that made
 * the pipe (the one whose {@link OwnedPipes} chain lists it, through {@link #nextMade}) holds it.
 * If the maker ends cleanly before anyone sent, it gave the chan away and the pipe stays open for
 * the first sender; if it fails, the pipe breaks ({@link #makerEnded}). The holder is never
 * cleared, so "nobody has sent yet" stays false once it is; the end is recorded once, by CAS
 * ({@link #endSending}), so exactly one end acts. A shared pipe overrides this (see {@link
 * SharedPipe}). A task spawned {@code owning} the chan holds it from its spawn ({@link #takenBy}),
 * as if it had sent first: its end ends the pipe.
 *
 * <p><b>Counting.</b> A message counts as in flight in the kernel from just before it enters the
 * buffer until it is taken or dropped; a send that fails gives its count back.
 *
 * <p><b>Waiting.</b> The receivers' {@link WaitList} is made on first need, so a pipe nobody waits
 * on (a oneshot answered at once) allocates none; see {@link WaitList} for the hand-off.
 */
public abstract class PipeCore<T> implements Pipe<T>, Port<T>, RecordedPipe, OwnedByTask {
  private static final AtomicLong IDS = new AtomicLong();
  private static final VarHandle END;
  private static final VarHandle RECEIVERS;
  private static final VarHandle ID;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      END = lookup.findVarHandle(PipeCore.class, "end", End.class);
      RECEIVERS = lookup.findVarHandle(PipeCore.class, "receivers", WaitList.class);
      ID = lookup.findVarHandle(PipeCore.class, "id", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The kernel that counts every pipe's messages (one per JVM, made on first use). */
  static final KernelState KERNEL = KernelState.get();

  private final ChanSide chan = new ChanSide();

  /** How the sending side ended, or null while it is open. */
  private volatile End end;

  /** Whether the port was closed (the receiving side is gone). */
  volatile boolean portClosed;

  /**
   * The task holding the chan (stream, oneshot): the last task that sent on it, or the task that
   * owns it from its spawn; null while nobody has (and the maker, if any, holds it).
   */
  private volatile TaskContext holder;

  /** Receivers parked on this pipe; made on first need. */
  private volatile WaitList receivers;

  /** The pipe's id for events and messages, given on first use; 0 until then. */
  private volatile long id;

  /**
   * The pipe its maker made before this one, while both are in the maker's {@link OwnedPipes}
   * chain; touched only by the maker's thread.
   */
  PipeCore<?> nextMade;

  PipeCore() {}

  /** Makes the calling task (if any) the chan's provisional holder. Called by factories, once. */
  final PipeCore<T> heldByMaker() {
    TaskContext task = CurrentTask.get();
    if (task != null) {
      OwnedPipes.made(task, this);
    }
    return this;
  }

  /** The pipe's id, unique in the JVM. */
  public final long id() {
    long value = id;
    if (value == 0) {
      long fresh = IDS.incrementAndGet();
      value = ID.compareAndSet(this, 0L, fresh) ? fresh : id;
    }
    return value;
  }

  /** "stream", "shared" or "oneshot". */
  abstract String kind();

  /** How the pipe is named in exceptions. */
  final String describe() {
    return kind() + " pipe #" + id();
  }

  @Override
  public final Chan<T> chan() {
    return chan;
  }

  @Override
  public final Port<T> port() {
    return this;
  }

  @Override
  public String toString() {
    return describe() + (portClosed ? " (port closed)" : end != null ? " (ended)" : "");
  }

  // ------------------------------------------------------------------ subclass contract

  /** Takes the next message, counting it out of the kernel and waking senders; null if none. */
  abstract Object poll();

  /** Whether the sending side has ended and every message sent before has been taken. */
  abstract boolean drained();

  /** Refuses further sends (the end is already recorded) and wakes senders waiting for space. */
  abstract void refuseSends();

  /** Drops every message left after the port closed; returns how many. */
  abstract long dropAll();

  /** Sends one message (the chan's {@link Chan#send}). */
  abstract void send(T message);

  // ------------------------------------------------------------------ ends

  /** The recorded end, or null while the sending side is open. */
  final End end() {
    return end;
  }

  /** Ends the sending side once; later calls do nothing. Returns whether this call ended it. */
  final boolean endSending(End how) {
    if (!END.compareAndSet(this, null, how)) {
      return false;
    }
    refuseSends();
    wakeReceivers();
    return true;
  }

  /** The exception a sender gets now that sends are refused. */
  final PipeClosedException sendRefused() {
    if (portClosed) {
      return new PipeClosedException("cannot send on " + describe() + ": its port is closed");
    }
    End how = end;
    if (how == null) {
      return new PipeClosedException("cannot send on " + describe() + ": it is closed");
    }
    return how.forSender(describe());
  }

  /** The exception a receiver gets at the end. */
  final PipeClosedException receiveEnded() {
    if (portClosed) {
      return new PipeClosedException(describe() + ": its port is closed");
    }
    End how = end;
    return how == null
        ? new PipeClosedException(describe() + " is closed: its one message was already received")
        : how.forReceiver(describe());
  }

  // ------------------------------------------------------------------ holding (stream, oneshot)

  /** Notes that {@code task} (never null) sends; a new holder takes the chan. */
  void noteSender(TaskContext task) {
    if (task != holder) {
      holder = task;
      OwnedPipes.hold(task, this);
    }
  }

  /** Whether {@code task} still holds the chan (kept in its {@link OwnedPipes} while true). */
  boolean isHeldBy(TaskContext task) {
    return holder == task && end == null && !portClosed;
  }

  /** Whether the maker still holds the chan: nobody has sent on it or owned it, and it is open. */
  boolean isHeldByMaker() {
    return holder == null && end == null && !portClosed;
  }

  /**
   * A task that held the chan at some point ended. If it still holds it as its last sender, the
   * pipe ends (closed, or broken by a failure); if another task took it over since, nothing
   * happens.
   */
  void holderEnded(TaskContext task, TaskState outcome, Throwable failure) {
    if (holder == task) {
      endSending(End.taskEnded(task, outcome, failure));
    }
  }

  /**
   * The task that made the pipe ended. If nobody has sent yet, a clean end hands the chan on to
   * whichever task sends first (the maker gave it away), while a failure breaks the pipe.
   */
  final void makerEnded(TaskContext task, TaskState outcome, Throwable failure) {
    if (outcome != TaskState.DONE && isHeldByMaker()) {
      endSending(End.taskEnded(task, outcome, failure));
    }
  }

  /** The pipe behind a chan of taskrt's; IllegalArgumentException for any other chan. */
  public static PipeCore<?> of(Chan<?> chan) {
    if (chan instanceof PipeCore.ChanSide) {
      return ((PipeCore<?>.ChanSide) chan).pipe();
    }
    throw new IllegalArgumentException(
        "a task can own only a chan from Pipes (oneshot, stream, shared), not " + chan);
  }

  /**
   * A new task owns the chan from its spawn, as if it had sent first: it becomes the holder (of a
   * shared pipe, one more holder), and its end ends the pipe. Called on the spawner's thread before
   * the owner runs, which makes the owner's task-local list writable here.
   */
  @Override
  public void takenBy(TaskContext owner) {
    holder = owner;
    OwnedPipes.hold(owner, this);
  }

  @Override
  public void ownerNeverRan(TaskContext owner, Throwable why) {
    holderEnded(owner, TaskState.KILLED, why);
  }

  /** The chan's {@link Chan#close}. */
  void closeChan() {
    endSending(End.closedBySender());
  }

  // ------------------------------------------------------------------ waiting

  /** The receivers' wait list, made on first need. */
  final WaitList receivers() {
    WaitList list = receivers;
    if (list == null) {
      WaitList made = new WaitList();
      list = RECEIVERS.compareAndSet(this, null, made) ? made : receivers;
    }
    return list;
  }

  /** Wakes parked receivers, if any (the sender's fast-path check). */
  final void wakeReceivers() {
    WaitList list = receivers;
    if (list != null && list.hasWaiters()) {
      list.wakeAll();
    }
  }

  // ------------------------------------------------------------------ Port

  /**
   * Takes the next message now if there is one; throws the end if the pipe has ended and nothing is
   * left; returns null otherwise.
   */
  final Object takeOrEnd() {
    if (portClosed) {
      throw receiveEnded();
    }
    Object message = poll();
    if (message != null) {
      return message;
    }
    if (drained()) {
      // Every message sent before the end was taken; but re-poll once in case the end was
      // observed between a message's publication and our first poll.
      message = poll();
      if (message != null) {
        return message;
      }
      throw receiveEnded();
    }
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public final T recv() {
    Object message = takeOrEnd();
    if (message == null) {
      message = Waiting.await(this::takeOrEnd, -1L, new WaitList[] {receivers()}, this, "recv");
    }
    return (T) message;
  }

  @Override
  @SuppressWarnings("unchecked")
  public final Optional<T> recv(Duration timeout) {
    long nanos = Waiting.nanos(timeout);
    Object message = takeOrEnd();
    if (message == null && nanos != 0) {
      message = Waiting.await(this::takeOrEnd, nanos, new WaitList[] {receivers()}, this, "recv");
    }
    return Optional.ofNullable((T) message);
  }

  @Override
  @SuppressWarnings("unchecked")
  public final Optional<T> tryRecv() {
    return Optional.ofNullable((T) takeOrEnd());
  }

  @Override
  public final void close() {
    if (portClosed) {
      return;
    }
    portClosed = true;
    END.compareAndSet(this, null, End.closedBySender());
    refuseSends();
    long dropped = dropAll();
    if (dropped > 0) {
      KERNEL.messagesTaken(dropped);
    }
    wakeReceivers();
  }

  @Override
  public final Iterator<T> iterator() {
    return new Messages();
  }

  /** Iterates until the pipe ends; a broken pipe's exception is thrown from hasNext. */
  private final class Messages implements Iterator<T> {
    private T next;
    private boolean finished;

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (finished) {
        return false;
      }
      try {
        next = recv();
        return true;
      } catch (PipeBrokenException e) {
        finished = true;
        throw e;
      } catch (PipeClosedException e) {
        finished = true;
        return false;
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException(describe() + " has ended");
      }
      T value = next;
      next = null;
      return value;
    }
  }

  /** The sending end: a view of the pipe. */
  private final class ChanSide implements Chan<T> {
    PipeCore<T> pipe() {
      return PipeCore.this;
    }

    @Override
    public void send(T message) {
      PipeCore.this.send(message);
    }

    @Override
    public void close() {
      closeChan();
    }

    @Override
    public String toString() {
      return "chan of " + PipeCore.this;
    }
  }
}
