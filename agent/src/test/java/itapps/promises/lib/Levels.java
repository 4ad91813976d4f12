package itapps.promises.lib;

/**
 * Small loop-free methods that call each other through calls an override may answer: {@link #inner}
 * calls only {@link Node#next} (left out at level 1), {@link #outer} calls {@link #inner} (left out
 * at level 2, above it), {@link #third} and {@link #fourth} go on up to level 4, the most a method
 * is left out at, {@link #deepest} calls {@link #fourth} (level 5, over it), and {@link #self}
 * calls itself (never left out: it would have to be below its own level).
 */
public class Levels {
  public int inner(Node n, int depth) {
    return n.next(depth) + 1;
  }

  public int outer(Node n, int depth) {
    return inner(n, depth) + 1;
  }

  public int third(Node n, int depth) {
    return outer(n, depth) + 1;
  }

  public int fourth(Node n, int depth) {
    return third(n, depth) + 1;
  }

  public int deepest(Node n, int depth) {
    return fourth(n, depth) + 1;
  }

  public int self(Node n, int depth) {
    return depth == 0 ? n.next(0) : self(n, depth - 1);
  }
}
