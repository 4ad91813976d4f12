package itapps;

import dev.taskrt.Chan;
import dev.taskrt.Pipe;
import dev.taskrt.PipeBrokenException;
import dev.taskrt.PipeClosedException;
import dev.taskrt.Pipes;
import dev.taskrt.Spawn;
import dev.taskrt.SpawnMode;
import java.time.Duration;

/** A {@code @Spawn} method given a chan owns it: its end, before any send, ends the pipe. */
public final class SpawnChanApp {
  private SpawnChanApp() {}

  public static void main(String[] args) {
    Pipe<String> failing = Pipes.stream(1);
    produce(failing.chan(), true);
    System.out.println("failed producer: " + receive(failing));
    Pipe<String> quiet = Pipes.stream(1);
    produce(quiet.chan(), false);
    System.out.println("quiet producer: " + receive(quiet));
  }

  private static String receive(Pipe<String> pipe) {
    try {
      return pipe.port().recv(Duration.ofSeconds(20)).map(m -> "got " + m).orElse("still waiting");
    } catch (PipeBrokenException e) {
      return "broken by " + e.getCause().getMessage();
    } catch (PipeClosedException e) {
      return "closed";
    }
  }

  /** Ends before its first send: failing, or with nothing to send. */
  @Spawn(mode = SpawnMode.UNLINKED, name = "producer")
  static void produce(Chan<String> out, boolean fail) {
    if (fail) {
      throw new IllegalStateException("no input");
    }
  }
}
