package dev.taskrt.internal.pipe;

import dev.taskrt.PipeClosedException;
import dev.taskrt.internal.TaskContext;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Not API. {@code Pipes.oneshot()}: a pipe that carries exactly one message.
 *
 * <h2>Design notes</h2>
 *
 * <p>One volatile field, {@link #state}, holds the whole pipe: {@link #EMPTY}, then either the
 * message or an {@link End} (the chan's holder ended or closed before sending), then {@link #TAKEN}
 * once a receiver took the message, or {@link #DROPPED} if the port closed first. Every change is a
 * CAS from the state it expects, so exactly one send succeeds, exactly one receiver gets the
 * message, and a close never overwrites a message already sent. The message is published by the CAS
 * (release) and read after a volatile load (acquire). After its one message the pipe counts as
 * closed for senders and, once the message is taken, for receivers. Nothing here allocates beyond
 * the pipe itself and its chan view, unless a receiver has to park.
 *
 * <p><b>Cost.</b> Make, send and receive on a thread that runs no task do one current-task lookup
 * (the maker, at make) and two lookups of the in-flight count's cell (an array load and a compare
 * each, see {@code InFlightCounter}): the send does not look up its task, since it neither blocks
 * nor holds the chan. In a task, the maker also chains the pipe into its {@link OwnedPipes} (two
 * field writes). Two atomic updates (send and take) are the floor: a message that exactly one of
 * several receivers may take needs one on each side, where a {@code CompletableFuture}'s {@code
 * get} only reads; that one atomic instruction is most of what a oneshot costs over one (measured
 * in PERFORMANCE.md).
 */
public final class OneshotPipe<T> extends PipeCore<T> {
  /** No message yet: null, so that a new pipe needs no (fenced) volatile store to start. */
  private static final Object EMPTY = null;

  private static final Object TAKEN = new Object();
  private static final Object DROPPED = new Object();
  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(OneshotPipe.class, "state", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** EMPTY (null), the message, an End, TAKEN or DROPPED. */
  private volatile Object state;

  private OneshotPipe() {}

  /** A new oneshot held by the calling task, if any. */
  public static <T> OneshotPipe<T> make() {
    OneshotPipe<T> pipe = new OneshotPipe<>();
    pipe.heldByMaker();
    return pipe;
  }

  @Override
  String kind() {
    return "oneshot";
  }

  /**
   * A oneshot's first send is also its last, so a sender never needs to hold it: only the maker
   * holds it, until the message is sent. (A long-lived task that answers many oneshots thus lists
   * none of them.)
   */
  @Override
  void noteSender(TaskContext task) {}

  @Override
  boolean isHeldBy(TaskContext task) {
    return state == EMPTY && super.isHeldBy(task);
  }

  @Override
  boolean isHeldByMaker() {
    return state == EMPTY && super.isHeldByMaker();
  }

  private static boolean isMessage(Object s) {
    return s != EMPTY && s != TAKEN && s != DROPPED && !(s instanceof End);
  }

  @Override
  void send(T message) {
    Objects.requireNonNull(message, "message");
    // No current-task lookup: a oneshot's send never blocks (so it is no kill checkpoint, which
    // DESIGN §3 asks of blocking pipe calls) and never makes its sender a holder (noteSender).
    KERNEL.messageSent();
    if (STATE.compareAndSet(this, EMPTY, message)) {
      wakeReceivers();
      return;
    }
    KERNEL.messagesTaken(1);
    Object s = state;
    if (s instanceof End || portClosed) {
      throw sendRefused();
    }
    throw new PipeClosedException(
        "cannot send on " + describe() + ": it carries one message and that was already sent");
  }

  @Override
  Object poll() {
    Object s = state;
    if (isMessage(s) && STATE.compareAndSet(this, s, TAKEN)) {
      KERNEL.messagesTaken(1);
      return s;
    }
    return null;
  }

  @Override
  boolean drained() {
    Object s = state;
    return s == TAKEN || s == DROPPED || s instanceof End;
  }

  @Override
  void refuseSends() {
    Object s = state;
    while (s == EMPTY && !STATE.compareAndSet(this, EMPTY, end())) {
      s = state;
    }
  }

  @Override
  long dropAll() {
    while (true) {
      Object s = state;
      if (!isMessage(s)) {
        return 0;
      }
      if (STATE.compareAndSet(this, s, DROPPED)) {
        return 1;
      }
    }
  }
}
