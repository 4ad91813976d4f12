package itapps.promises;

import dev.taskrt.StackLimitExceededError;
import itapps.promises.app.Nodes;
import itapps.promises.lib.Back;
import itapps.promises.lib.Delegate;
import itapps.promises.lib.Levels;
import itapps.promises.lib.Node;
import itapps.promises.lib.Raise;
import itapps.promises.lib.Relay;
import itapps.promises.lib.Spiral;
import itapps.promises.lib.Walker;
import java.util.function.IntSupplier;

/**
 * Under {@code frames=itapps.promises.lib.*[*],stackLimit=64k}: {@link Walker#step} keeps no frame
 * (it calls only {@link Node#next}, whose every implementation keeps one), and each recursion
 * through it still fails with {@link StackLimitExceededError}, whether it runs through the
 * library's own node, a node of the application outside the pattern, or a hidden class's node; so
 * does a recursion through four methods left out one above the other ({@link Levels}), one through
 * two methods of one name in classes that do not extend each other ({@link Delegate}, {@link
 * Relay}), and one through a method that calls its own name on a subclass that inherits it ({@link
 * Spiral}).
 */
public final class Promises {
  private Promises() {}

  public static void main(String[] args) throws Throwable {
    // Walker first: its step is planned before any node class loads (Node's class file is read
    // ahead), so it is step that goes without a frame, counting on every Node.next
    Class.forName("itapps.promises.lib.Walker");
    // Back before Raise: Back.next counts on Raise.enter at level 0, so Raise.step keeps its frame
    Class.forName("itapps.promises.lib.Back");
    Node chain = Nodes.library();
    System.out.println("small: " + Walker.step(chain, 3));
    report("library node", () -> Walker.step(chain, 1_000_000));
    report("four levels", () -> new Levels().fourth(chain, 1_000_000));
    Node app = Nodes.app();
    report("application node", () -> Walker.step(app, 1_000_000));
    Node hidden = Nodes.hidden();
    report("hidden node", () -> Walker.step(hidden, 1_000_000));
    Relay relay = new Relay();
    Delegate delegate = new Delegate(relay);
    relay.back(delegate);
    report("delegation", () -> delegate.pass(1_000_000));
    report("own key through a subclass", () -> new Spiral().turn(new Spiral.Inner(), 1_000_000));
    report("a pass-through above a method left out", () -> Raise.enter(new Back(), 1_000_000));
  }

  private static void report(String what, IntSupplier deep) {
    try {
      System.out.println(what + " returned " + deep.getAsInt());
    } catch (StackLimitExceededError e) {
      System.out.println(what + " failed: StackLimitExceededError");
    } catch (StackOverflowError e) {
      System.out.println(what + " failed: StackOverflowError");
    }
  }
}
