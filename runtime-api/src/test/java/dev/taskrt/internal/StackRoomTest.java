package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The headroom check of a {@code @Foreign} call without a stack limit ({@link StackRoom#hasRoom})
 * decides exactly as the full estimate ({@link StackRoom#left}) would, while walking only the
 * frames that decide it.
 */
class StackRoomTest {
  @Test
  void hasRoomAgreesWithTheFullEstimateAtTheEdgeAndAwayFromIt() {
    for (int depth : new int[] {0, 10, 200, 1_000}) {
      long[] checked = atDepth(depth);
      long left = checked[0];
      assertThat(left).as("left at depth %d", depth).isPositive();
      assertThat(checked[1]).as("room for exactly what is left, depth %d", depth).isEqualTo(1);
      assertThat(checked[2]).as("room for one byte more, depth %d", depth).isZero();
      assertThat(checked[3]).as("room for nothing, depth %d", depth).isEqualTo(1);
    }
  }

  @Test
  void aStackThatCannotHoldTheHeadroomHasNoRoom() {
    assertThat(StackRoom.hasRoom(StackRoom.sizeOfCurrentThread())).isFalse();
  }

  @Test
  void deeperStacksLeaveLessRoom() {
    assertThat(atDepth(500)[0]).isLessThan(atDepth(10)[0]);
  }

  /** {left, hasRoom(left), hasRoom(left + 1), hasRoom(0)} measured {@code depth} frames down. */
  private static long[] atDepth(int depth) {
    if (depth > 0) {
      return atDepth(depth - 1);
    }
    long left = StackRoom.left();
    long exactly = StackRoom.hasRoom(left) ? 1 : 0;
    long oneMore = StackRoom.hasRoom(left + 1) ? 1 : 0;
    long none = StackRoom.hasRoom(0) ? 1 : 0;
    return new long[] {left, exactly, oneMore, none};
  }
}
