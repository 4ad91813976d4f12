package dev.taskrt.internal.pipe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Not API. A bounded, lock-free, many-producer many-consumer ring of references whose producer side
 * can be closed atomically: the buffer behind {@code Pipes.stream} and {@code Pipes.shared}.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Algorithm.</b> Each slot has a sequence number (D. Vyukov's bounded MPMC queue, with
 * sequences counted in half-steps so that a capacity of one works). Slot {@code i} starts with
 * sequence {@code 2i}. A producer at position {@code p} may fill slot {@code p % capacity} when its
 * sequence equals {@code 2p}; it claims the position by a CAS on {@link #tail}, writes the element,
 * then stores sequence {@code 2p + 1}. A consumer at position {@code p} may take the slot when its
 * sequence equals {@code 2p + 1}; it claims the position by a CAS on {@link #head}, reads and
 * clears the element, then stores sequence {@code 2(p + capacity)}, which frees the slot for the
 * producer one lap later. A smaller sequence means full (producer) or empty (consumer); a larger
 * one means another thread took the position first. No allocation per element.
 *
 * <p><b>Closing.</b> {@link #close} sets {@link #CLOSED} (the sign bit) in {@link #tail} with one
 * atomic read-modify-write. A producer's CAS compares the whole word, so once the bit is set no
 * producer can claim a position: every {@link #offer} that claimed one before the close completes
 * and its element stays receivable; every later one fails. The positions below the final tail are
 * exactly the elements that will ever be in the ring, so a consumer knows the ring is drained for
 * good when {@code head == tail & ~CLOSED} ({@link #isClosedAndDrained}).
 *
 * <p><b>Memory ordering.</b> The element is written plainly before the volatile sequence store that
 * publishes it, and read after the consumer's volatile sequence load, so the element is visible to
 * whoever takes it (release/acquire through the sequence). A consumer clears the element before its
 * volatile sequence store, so a producer of the next lap never sees a stale reference. Both
 * sequence stores are volatile rather than release-only: the pipe built on this ring checks its
 * waiter count right after an offer or a poll, and the volatile store followed by the volatile load
 * of that count is what makes the Dekker-style hand-off with a parking waiter safe (the waiter
 * publishes itself with a volatile write and then re-reads the sequence). {@link #head} and {@link
 * #tail} sit on their own cache lines (class-hierarchy padding) so producers and consumers do not
 * slow each other down by false sharing.
 *
 * <p><b>Blocking.</b> Nothing here blocks or spins on another thread's progress except {@link
 * #drainClosed}, which waits out producers that claimed a position before the close and have not
 * yet published it (a bounded window of a few instructions, unless the producer is descheduled).
 */
public final class RingBuffer extends RingBufferTail {
  /** The sign bit of {@link #tail}: set once the producer side is closed. */
  static final long CLOSED = Long.MIN_VALUE;

  /** {@link #offer} stored the element. */
  public static final int OK = 0;

  /** {@link #offer} found the ring full. */
  public static final int FULL = 1;

  /** {@link #offer} found the ring closed. */
  public static final int CLOSED_RESULT = 2;

  private static final VarHandle ELEMENTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle SEQUENCES = MethodHandles.arrayElementVarHandle(long[].class);

  private final Object[] elements;
  private final long[] sequences;
  private final int capacity;

  /** {@code capacity - 1} when the capacity is a power of two, else -1 (use the remainder). */
  private final int mask;

  /** A ring holding at most {@code capacity} elements; capacity must be at least one. */
  public RingBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.mask = Integer.bitCount(capacity) == 1 ? capacity - 1 : -1;
    this.elements = new Object[capacity];
    this.sequences = new long[capacity];
    for (int i = 0; i < capacity; i++) {
      sequences[i] = 2L * i;
    }
    VarHandle.releaseFence(); // publish the initial sequences with the ring
  }

  /** The most elements the ring holds. */
  public int capacity() {
    return capacity;
  }

  private int index(long position) {
    return mask >= 0 ? (int) position & mask : (int) (position % capacity);
  }

  private long lvSequence(int index) {
    return (long) SEQUENCES.getVolatile(sequences, index);
  }

  private void svSequence(int index, long value) {
    SEQUENCES.setVolatile(sequences, index, value);
  }

  /**
   * Adds {@code element} (never null) unless the ring is full or closed.
   *
   * @return {@link #OK}, {@link #FULL} or {@link #CLOSED_RESULT}
   */
  public int offer(Object element) {
    while (true) {
      long position = lvTail();
      if (position < 0) {
        return CLOSED_RESULT;
      }
      int index = index(position);
      long sequence = lvSequence(index);
      long free = 2 * position;
      if (sequence == free) {
        if (casTail(position, position + 1)) {
          ELEMENTS.set(elements, index, element);
          svSequence(index, free + 1);
          return OK;
        }
      } else if (sequence < free) {
        // The slot still holds the element of the previous lap: full. Re-read the tail once so
        // that a close racing with a full ring reports closed rather than full.
        return lvTail() < 0 ? CLOSED_RESULT : FULL;
      }
      // Another producer claimed this position first: try the next one.
    }
  }

  /** Takes the oldest element, or returns null if none is ready now. */
  public Object poll() {
    while (true) {
      long position = lvHead();
      int index = index(position);
      long sequence = lvSequence(index);
      long ready = 2 * position + 1;
      if (sequence == ready) {
        if (casHead(position, position + 1)) {
          Object element = ELEMENTS.get(elements, index);
          ELEMENTS.set(elements, index, null);
          svSequence(index, 2 * (position + capacity));
          return element;
        }
      } else if (sequence < ready) {
        return null; // empty, or a producer has claimed the position and not yet published
      }
      // Another consumer took this position first: try the next one.
    }
  }

  /**
   * Closes the producer side: later offers fail, elements already offered stay receivable.
   *
   * @return true if this call closed it, false if it was closed already
   */
  public boolean close() {
    return orTail(CLOSED) >= 0;
  }

  /** Whether the producer side is closed. */
  public boolean isClosed() {
    return lvTail() < 0;
  }

  /** Whether the ring is closed and every element offered before the close has been taken. */
  public boolean isClosedAndDrained() {
    long tail = lvTail();
    return tail < 0 && lvHead() >= (tail & ~CLOSED);
  }

  /** Whether no element is ready now (a racy snapshot, for waiters' re-checks). */
  public boolean isEmpty() {
    long position = lvHead();
    return lvSequence(index(position)) != 2 * position + 1;
  }

  /** Whether a slot is free now (a racy snapshot: head and tail are read one after the other). */
  public boolean hasRoom() {
    long tail = lvTail() & ~CLOSED;
    return tail - lvHead() < capacity;
  }

  /** Elements offered and not yet taken (a racy estimate, never negative). */
  public long size() {
    long head = lvHead();
    long tail = lvTail() & ~CLOSED;
    return Math.max(0, tail - head);
  }

  /**
   * Closes the ring if it is not already, then takes and drops every element left, waiting out
   * producers that claimed a position before the close. Concurrent consumers may still take some.
   *
   * @return how many elements this call dropped
   */
  public long drainClosed() {
    close();
    long dropped = 0;
    long end = lvTail() & ~CLOSED;
    int idle = 0;
    while (lvHead() < end) {
      if (poll() != null) {
        dropped++;
        idle = 0;
      } else if (++idle < 64) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // a producer between its claim and its publish was descheduled
      }
    }
    return dropped;
  }
}

/** Padding before the consumer index. */
abstract class RingBufferPad0 {
  long p00, p01, p02, p03, p04, p05, p06, p07;
  long p10, p11, p12, p13, p14, p15, p16;
}

/** The consumer index. */
abstract class RingBufferHead extends RingBufferPad0 {
  private static final VarHandle HEAD;

  static {
    try {
      HEAD = MethodHandles.lookup().findVarHandle(RingBufferHead.class, "head", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The next position a consumer takes. */
  private volatile long head;

  final long lvHead() {
    return head;
  }

  final boolean casHead(long expected, long next) {
    return HEAD.compareAndSet(this, expected, next);
  }
}

/** Padding between the consumer and producer indexes. */
abstract class RingBufferPad1 extends RingBufferHead {
  long p20, p21, p22, p23, p24, p25, p26, p27;
  long p30, p31, p32, p33, p34, p35, p36;
}

/** The producer index, with the closed bit. */
abstract class RingBufferTailField extends RingBufferPad1 {
  private static final VarHandle TAIL;

  static {
    try {
      TAIL = MethodHandles.lookup().findVarHandle(RingBufferTailField.class, "tail", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The next position a producer claims; negative (sign bit set) once closed. */
  private volatile long tail;

  final long lvTail() {
    return tail;
  }

  final boolean casTail(long expected, long next) {
    return TAIL.compareAndSet(this, expected, next);
  }

  /** Atomically ORs {@code bits} into the tail; returns the previous value. */
  final long orTail(long bits) {
    return (long) TAIL.getAndBitwiseOr(this, bits);
  }
}

/** Padding after the producer index. */
abstract class RingBufferTail extends RingBufferTailField {
  long p40, p41, p42, p43, p44, p45, p46, p47;
  long p50, p51, p52, p53, p54, p55, p56;
}
