package dev.taskrt.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Pipes;
import dev.taskrt.Port;
import dev.taskrt.Select;
import dev.taskrt.Selected;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.TaskKilledError;
import dev.taskrt.Tasks;
import dev.taskrt.internal.KernelState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Randomised runs of many sender tasks and many receivers over one pipe, some senders killed
 * mid-stream: every message that a send returned for arrives exactly once, each receiver sees each
 * sender's messages in the order they were sent, and every receiver ends with the pipe's end. The
 * seed is printed in every assertion message, so a failing run can be repeated with {@code
 * -Dpipes.stress.seed=N}; {@code -Dpipes.stress.rounds=N} runs longer.
 */
class PipeStressTest {
  private static final Duration ROUND_BOUND = Duration.ofSeconds(60);

  /** How a receiver takes messages: each way must keep the same guarantees. */
  enum ReceiveStyle {
    RECV,
    TIMED_RECV,
    TRY_RECV,
    ITERATE,
    SELECT
  }

  @Test
  void sharedPipesLoseDuplicateAndReorderNothingWhileSendersAreKilled() throws Exception {
    long seed = Long.getLong("pipes.stress.seed", System.nanoTime());
    int rounds = Integer.getInteger("pipes.stress.rounds", 6);
    Random random = new Random(seed);
    for (int round = 0; round < rounds; round++) {
      int senders = 2 + random.nextInt(6);
      int receivers = 1 + random.nextInt(4);
      int capacity = 1 + random.nextInt(random.nextBoolean() ? 4 : 64);
      int perSender = 2_000 + random.nextInt(8_000);
      int kills = round % 2 == 0 ? 0 : 1 + random.nextInt(senders - 1);
      String run =
          String.format(
              "seed %d round %d: %d senders, %d receivers, capacity %d, %d each, %d killed",
              seed, round, senders, receivers, capacity, perSender, kills);
      Random roundRandom = new Random(random.nextLong());
      withinBound(
          run,
          () ->
              runRound(
                  Pipes.shared(capacity), senders, receivers, perSender, kills, roundRandom, run));
    }
  }

  @Test
  void aStreamWhoseSenderIsKilledDeliversAnUnbrokenPrefix() throws Exception {
    long seed = Long.getLong("pipes.stress.seed", System.nanoTime());
    Random random = new Random(seed);
    for (int round = 0; round < 4; round++) {
      int capacity = 1 + random.nextInt(16);
      int receivers = 1 + random.nextInt(3);
      String run =
          String.format(
              "seed %d round %d: stream, capacity %d, %d receivers",
              seed, round, capacity, receivers);
      Random roundRandom = new Random(random.nextLong());
      withinBound(
          run,
          () -> runRound(Pipes.stream(capacity), 1, receivers, 1_000_000, 1, roundRandom, run));
    }
  }

  /** A round's work; it may throw. */
  private interface Round {
    void run() throws Exception;
  }

  /**
   * Runs {@code round} on a thread of its own and fails if it has not finished within {@link
   * #ROUND_BOUND}, naming the round (its seed) and showing where every thread was, so that a hang
   * seen once can be read and repeated.
   */
  private static void withinBound(String run, Round round) throws Exception {
    Throwable[] failure = new Throwable[1];
    Thread runner =
        new Thread(
            () -> {
              try {
                round.run();
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "pipe-stress-round");
    runner.setDaemon(true);
    runner.start();
    runner.join(ROUND_BOUND.toMillis());
    if (runner.isAlive()) {
      StringBuilder dump = new StringBuilder();
      for (var entry : Thread.getAllStackTraces().entrySet()) {
        dump.append('\n').append(entry.getKey()).append(' ').append(entry.getKey().getState());
        for (StackTraceElement frame : entry.getValue()) {
          dump.append("\n    at ").append(frame);
        }
      }
      runner.interrupt();
      throw new AssertionError(
          run + ": not finished after " + ROUND_BOUND.toSeconds() + " s; the threads:" + dump);
    }
    if (failure[0] instanceof Exception e) {
      throw e;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
  }

  private static void runRound(
      Pipe<Long> pipe,
      int senders,
      int receivers,
      int perSender,
      int kills,
      Random random,
      String run)
      throws Exception {
    long inFlightBefore = KernelState.get().messagesInFlight();
    AtomicIntegerArray sent = new AtomicIntegerArray(senders);
    CountDownLatch everySenderStarted = new CountDownLatch(senders);
    List<TaskHandle<Object>> senderTasks = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      int sender = s;
      senderTasks.add(
          Tasks.builder()
              .name("sender-" + s)
              .mode(SpawnMode.UNLINKED)
              .spawn(
                  () -> {
                    pipe.chan().send(message(sender, 0));
                    sent.set(sender, 1);
                    everySenderStarted.countDown();
                    // A shared pipe counts a sender from its first send: start together.
                    everySenderStarted.await(30, TimeUnit.SECONDS);
                    for (int seq = 1; seq < perSender; seq++) {
                      pipe.chan().send(message(sender, seq));
                      sent.set(sender, seq + 1);
                    }
                    return null;
                  }));
    }
    Pipe<Long> idle = Pipes.stream(1); // never sent on: select must not starve the real port
    List<ReceiverLog> logs = new ArrayList<>();
    List<TaskHandle<Object>> receiverTasks = new ArrayList<>();
    for (int r = 0; r < receivers; r++) {
      ReceiveStyle style = ReceiveStyle.values()[random.nextInt(ReceiveStyle.values().length)];
      ReceiverLog log = new ReceiverLog(style, senders);
      logs.add(log);
      receiverTasks.add(
          Tasks.builder()
              .name("receiver-" + r)
              .mode(SpawnMode.UNLINKED)
              .spawn(
                  () -> {
                    log.receive(pipe.port(), idle.port());
                    return null;
                  }));
    }
    assertThat(everySenderStarted.await(30, TimeUnit.SECONDS)).as(run).isTrue();
    List<Integer> victims = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      victims.add(s);
    }
    java.util.Collections.shuffle(victims, random);
    for (int k = 0; k < kills; k++) {
      Thread.sleep(random.nextInt(4)); // mid-stream, at a random point
      senderTasks.get(victims.get(k)).kill();
    }
    for (TaskHandle<Object> task : senderTasks) {
      try {
        task.join();
      } catch (RuntimeException killed) {
        // the killed ones end KILLED; checked through the pipe's end below
      }
    }
    for (TaskHandle<Object> task : receiverTasks) {
      task.join();
    }

    for (int s = 0; s < senders; s++) {
      BitSet all = new BitSet();
      for (ReceiverLog log : logs) {
        BitSet mine = log.seen[s];
        assertThat(all.intersects(mine)).as("%s: sender %d duplicated", run, s).isFalse();
        all.or(mine);
      }
      int count = sent.get(s);
      assertThat(all.cardinality()).as("%s: sender %d received", run, s).isEqualTo(count);
      assertThat(all.nextClearBit(0)).as("%s: sender %d lost a message", run, s).isEqualTo(count);
    }
    // a kill that lands after its sender sent everything finds it DONE: then the end is clean
    boolean killedMidStream =
        senderTasks.stream().anyMatch(t -> t.state() == dev.taskrt.TaskState.KILLED);
    for (ReceiverLog log : logs) {
      assertThat(log.reordered).as("%s: %s receiver reordered", run, log.style).isNull();
      if (killedMidStream) {
        assertThat(log.end)
            .as("%s: %s receiver's end", run, log.style)
            .isInstanceOf(PipeBrokenException.class)
            .hasCauseInstanceOf(TaskKilledError.class);
      } else {
        assertThat(log.end)
            .as("%s: %s receiver's end", run, log.style)
            .isExactlyInstanceOf(PipeClosedException.class);
      }
    }
    assertThat(KernelState.get().messagesInFlight()).as(run).isEqualTo(inFlightBefore);
  }

  private static long message(int sender, int seq) {
    return ((long) sender << 32) | seq;
  }

  /** What one receiver saw. */
  private static final class ReceiverLog {
    final ReceiveStyle style;
    final BitSet[] seen;
    final int[] last;
    String reordered;
    PipeClosedException end;

    ReceiverLog(ReceiveStyle style, int senders) {
      this.style = style;
      this.seen = new BitSet[senders];
      this.last = new int[senders];
      for (int s = 0; s < senders; s++) {
        seen[s] = new BitSet();
        last[s] = -1;
      }
    }

    void receive(Port<Long> port, Port<Long> idle) {
      try {
        switch (style) {
          case RECV:
            while (true) {
              record(port.recv());
            }
          case TIMED_RECV:
            while (true) {
              port.recv(Duration.ofMillis(1)).ifPresent(this::record);
            }
          case TRY_RECV:
            while (true) {
              Optional<Long> next = port.tryRecv();
              if (next.isPresent()) {
                record(next.get());
              } else {
                Thread.yield();
              }
            }
          case ITERATE:
            for (long m : port) {
              record(m);
            }
            port.recv(); // the iteration ended: recv reports the end
            break;
          case SELECT:
            while (true) {
              Selected selected = Select.any(idle, port);
              Long m = selected.value();
              record(m);
            }
        }
      } catch (PipeClosedException e) {
        end = e;
      }
    }

    void record(long m) {
      int sender = (int) (m >>> 32);
      int seq = (int) m;
      if (seq <= last[sender] && reordered == null) {
        reordered = "sender " + sender + ": " + seq + " after " + last[sender];
      }
      last[sender] = seq;
      seen[sender].set(seq);
    }
  }
}
