package dev.taskrt.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskrt.Pipe;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Pipes;
import dev.taskrt.SpawnMode;
import dev.taskrt.TaskHandle;
import dev.taskrt.Tasks;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The race between an owning task's end and a send on its chan: an owner that sends a few messages
 * and ends (cleanly or failing) while another task sends on the same chan at the same moment. In
 * every round the receiver gets every message whose send returned, then the pipe's end; it never
 * waits on a sender that is gone. The seed is in every message; {@code -Dpipes.owning.rounds=N}
 * runs longer.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipeOwningStressTest {
  /** A receive that waits this long waits on nobody: the round fails. */
  private static final Duration NOBODY = Duration.ofSeconds(30);

  /** Waits for a task's end, whatever its outcome. */
  private static final class Awaits {
    static void ended(TaskHandle<?> task) {
      try {
        task.join(NOBODY);
      } catch (RuntimeException outcomeNotNeeded) {
        // failed or killed: ended all the same (a timeout would show as a wrong count)
      }
    }
  }

  @Test
  void aReceiverAlwaysGetsEveryMessageThenTheEndWhileTheOwnerEndsDuringASend() throws Exception {
    long seed = Long.getLong("pipes.owning.seed", System.nanoTime());
    int rounds = Integer.getInteger("pipes.owning.rounds", 2_000);
    Random random = new Random(seed);
    for (int round = 0; round < rounds; round++) {
      String run = "seed " + seed + " round " + round;
      Pipe<Integer> pipe =
          switch (random.nextInt(3)) {
            case 0 -> Pipes.stream(1 + random.nextInt(4));
            case 1 -> Pipes.shared(1 + random.nextInt(4));
            default -> Pipes.oneshot();
          };
      boolean oneshot = pipe.getClass().getSimpleName().contains("Oneshot");
      int ownerSends = oneshot ? random.nextInt(2) : random.nextInt(3);
      boolean ownerFails = random.nextBoolean();
      boolean racer = !oneshot || ownerSends == 0 ? random.nextBoolean() : false;
      AtomicInteger sent = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      TaskHandle<Object> owner =
          Tasks.builder()
              .name("owner")
              .mode(SpawnMode.UNLINKED)
              .owning(pipe.chan())
              .spawn(
                  () -> {
                    start.await();
                    for (int i = 0; i < ownerSends; i++) {
                      pipe.chan().send(i);
                      sent.incrementAndGet();
                    }
                    if (ownerFails) {
                      throw new IllegalStateException("owner failed");
                    }
                    return null;
                  });
      TaskHandle<Object> racing = null;
      if (racer) {
        racing =
            Tasks.builder()
                .name("racer")
                .mode(SpawnMode.UNLINKED)
                .spawn(
                    () -> {
                      start.await();
                      try {
                        pipe.chan().send(100);
                        sent.incrementAndGet();
                      } catch (PipeClosedException lateForTheEnd) {
                        // the owner's end came first: the message never entered the pipe
                      }
                      return null;
                    });
      }
      start.countDown();
      int received = 0;
      while (true) {
        Optional<Integer> message;
        try {
          message = pipe.port().recv(NOBODY);
        } catch (PipeClosedException ended) { // broken or closed
          break;
        }
        assertThat(message).as("%s: a receive waited on a sender that is gone", run).isPresent();
        received++;
      }
      // a sender counts its message after its send returned: wait for both before comparing
      Awaits.ended(owner);
      if (racing != null) {
        Awaits.ended(racing);
      }
      assertThat(received).as("%s: messages received", run).isEqualTo(sent.get());
    }
  }
}
