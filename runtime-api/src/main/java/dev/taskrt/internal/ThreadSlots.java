package dev.taskrt.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Not API. The current task of threads that are not {@link TaskThread}s (the main thread, an
 * application's pool threads, the caller of a synchronous task), found without {@link
 * ThreadLocal#get} on the hot path.
 *
 * <h2>Design notes</h2>
 *
 * <p><b>Why.</b> {@code ThreadLocal.get}'s branch profile is shared by every {@code ThreadLocal} of
 * the JVM, so once any thread misses, C2 inlines the miss path ({@code setInitialValue}, {@code
 * ThreadLocalMap.set}, ...) into every instrumented frame; hot code grows several times and stops
 * inlining its own callees (DESIGN §7, "Measured facts"). A lookup of our own keeps its profile to
 * itself.
 *
 * <p><b>The table.</b> {@link #SIZE} slots, each a {@link Slot} made up front; a thread's slot is
 * the one at its id modulo the size ({@code Thread.getId()}: on JDK 17 the id, never reused within
 * a JVM; {@code threadId()} from 19 returns the same). The lookup is an array load, a compare of
 * the slot's owner with the current thread, and a load of the slot's task: {@link #get}.
 *
 * <p><b>Ownership.</b> A slot is free ({@code owner == null}) or owned by one thread. A thread
 * claims its slot by CAS when it binds a task and has none bound; it alone writes the slot's task
 * while it owns it; it releases the slot (task, then owner, cleared) when its binding returns to
 * nothing, i.e. when its outermost task ends. So the table holds a thread or a task only while a
 * task is bound on that thread: no strong reference to an idle or dead thread's task (nor to its
 * context class loader) stays behind, and a pooled thread between tasks holds no slot. A slot whose
 * owner died while still bound (a thread stopped abruptly) is taken over by the next claimant.
 *
 * <p><b>Reads.</b> A thread only ever writes itself or null into a slot's owner, and others only
 * write themselves (by CAS from null or from a dead thread). So a thread that reads itself as the
 * owner reads its own latest write: it does own the slot, and the task there is the one it wrote. A
 * stale read can only show another thread or null, and leads to the fallback.
 *
 * <p><b>Fallback.</b> A thread whose slot is owned by another thread (ids equal modulo the size)
 * keeps its binding in a {@code ThreadLocal}, as do virtual threads (JDK 21+): they are many and
 * short-lived, and would churn the table and collide in it. The first such binding sets {@link
 * #fallbackUsed} (never cleared); until then a miss returns null at once, so threads that run no
 * task never touch the {@code ThreadLocal}. The flag is a plain field: the only thread that must
 * see it set is the one that set it (the thread whose binding is in the {@code ThreadLocal}). A
 * thread whose binding went to the fallback stays there until its binding returns to nothing.
 */
public final class ThreadSlots {
  /** Slots in the table (a power of two). */
  static final int SIZE = 1024;

  private static final int MASK = SIZE - 1;

  private static final Slot[] SLOTS = new Slot[SIZE];

  private static final ThreadLocal<TaskContext> FALLBACK = new ThreadLocal<>();

  /** Set (never cleared) by the first binding kept in {@link #FALLBACK}. */
  private static boolean fallbackUsed;

  private static final VarHandle OWNER;

  /** {@code Thread.isVirtual()} on JDK 21+, else null. */
  private static final MethodHandle IS_VIRTUAL;

  static {
    for (int i = 0; i < SIZE; i++) {
      SLOTS[i] = new Slot();
    }
    try {
      OWNER = MethodHandles.lookup().findVarHandle(Slot.class, "owner", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
    MethodHandle isVirtual;
    try {
      isVirtual =
          MethodHandles.publicLookup()
              .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException e) {
      isVirtual = null;
    }
    IS_VIRTUAL = isVirtual;
  }

  /** One slot: the thread that owns it, and that thread's current task. */
  static final class Slot {
    /**
     * Null when free; written by CAS when claimed, by the owner (a release store) when released.
     * Read plainly: see the design notes.
     */
    Thread owner;

    /** The owner's current task; written by the owner only. */
    TaskContext task;
  }

  private ThreadSlots() {}

  /** The task bound on {@code thread} (the current thread), or null. */
  static TaskContext get(Thread thread) {
    Slot slot = SLOTS[(int) thread.getId() & MASK];
    if (slot.owner == thread) {
      return slot.task;
    }
    return miss();
  }

  private static TaskContext miss() {
    return fallbackUsed ? FALLBACK.get() : null;
  }

  /**
   * Binds {@code task} (null: nothing) on {@code thread} (the current thread); returns what was
   * bound, to restore later with another call.
   */
  static TaskContext bind(Thread thread, TaskContext task) {
    return bindAt(SLOTS[(int) thread.getId() & MASK], thread, task);
  }

  /** {@link #bind} on a given slot (the stress tests give two threads one slot). */
  static TaskContext bindAt(Slot slot, Thread thread, TaskContext task) {
    if (slot.owner == thread) {
      TaskContext previous = slot.task;
      slot.task = task;
      if (task == null) {
        OWNER.setRelease(slot, null); // the task is cleared first, so no claimant sees it
      }
      return previous;
    }
    TaskContext previous = miss();
    if (previous == null && task != null && !isVirtual(thread) && claim(slot, thread)) {
      slot.task = task;
      return null;
    }
    if (previous != null || task != null) {
      fallbackUsed = true;
      FALLBACK.set(task); // restored as null rather than removed: cheaper, and holds no task
    }
    return previous;
  }

  private static boolean claim(Slot slot, Thread thread) {
    Thread owner = slot.owner;
    if (owner != null && owner.isAlive()) {
      return false;
    }
    return OWNER.compareAndSet(slot, owner, thread);
  }

  private static boolean isVirtual(Thread thread) {
    if (IS_VIRTUAL == null) {
      return false;
    }
    try {
      return (boolean) IS_VIRTUAL.invokeExact(thread);
    } catch (Throwable e) {
      return false;
    }
  }

  /** {@link #get} on a given slot (the stress tests give two threads one slot). */
  static TaskContext getAt(Slot slot, Thread thread) {
    return slot.owner == thread ? slot.task : miss();
  }

  /** For tests: the thread owning the slot {@code thread} maps to, or null. */
  static Thread ownerOfSlotFor(Thread thread) {
    return SLOTS[(int) thread.getId() & MASK].owner;
  }

  /** For tests: whether any binding has gone to the {@code ThreadLocal} fallback. */
  static boolean fallbackUsed() {
    return fallbackUsed;
  }
}
