package dev.taskrt.internal.pipe;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.taskrt.PipeClosedException;
import java.util.Optional;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.I_Result;

/** jcstress tests of {@link OneshotPipe}'s one-field state machine. */
public final class OneshotStress {
  private OneshotStress() {}

  /** Two senders: exactly one message goes through. */
  @JCStressTest
  @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "first sent, second refused")
  @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "second sent, first refused")
  @Outcome(expect = FORBIDDEN, desc = "both or neither")
  @State
  public static class TwoSenders {
    final OneshotPipe<String> pipe = OneshotPipe.make();

    @Actor
    public void first(II_Result r) {
      r.r1 = trySend(pipe, "a");
    }

    @Actor
    public void second(II_Result r) {
      r.r2 = trySend(pipe, "b");
    }
  }

  /** A send racing a close of the chan: the receiver gets the message or the end, never neither. */
  @JCStressTest
  @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "sent before the close; received")
  @Outcome(id = "0, 2", expect = ACCEPTABLE, desc = "closed first; send refused, end received")
  @Outcome(expect = FORBIDDEN, desc = "lost or both")
  @State
  public static class SendVersusClose {
    final OneshotPipe<String> pipe = OneshotPipe.make();

    @Actor
    public void sender(II_Result r) {
      r.r1 = trySend(pipe, "m");
    }

    @Actor
    public void closer() {
      pipe.chan().close();
    }

    @Arbiter
    public void after(II_Result r) {
      try {
        Optional<String> got = pipe.tryRecv();
        r.r2 = got.isPresent() ? 1 : -1;
      } catch (PipeClosedException e) {
        r.r2 = 2;
      }
    }
  }

  /** Two receivers race for the one message: exactly one gets it. */
  @JCStressTest
  @Outcome(id = "1", expect = ACCEPTABLE, desc = "exactly one receiver got it")
  @Outcome(expect = FORBIDDEN, desc = "duplicated or lost")
  @State
  public static class TwoReceivers {
    final OneshotPipe<String> pipe = OneshotPipe.make();
    int a;
    int b;

    {
      pipe.chan().send("m");
    }

    @Actor
    public void first() {
      a = pipe.poll() != null ? 1 : 0;
    }

    @Actor
    public void second() {
      b = pipe.poll() != null ? 1 : 0;
    }

    @Arbiter
    public void after(I_Result r) {
      r.r1 = a + b;
    }
  }

  static int trySend(OneshotPipe<String> pipe, String message) {
    try {
      pipe.chan().send(message);
      return 1;
    } catch (PipeClosedException e) {
      return 0;
    }
  }
}
