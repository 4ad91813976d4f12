package dev.taskrt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadCellsTest {
  /** A cell: its owner and one count, the owner's alone. */
  private static final class Count extends ThreadCells.Cell {
    long value;

    Count(Thread owner) {
      super(owner);
    }
  }

  /** Cells that fold an ended thread's count into {@link #retired} and remember who retired. */
  private static final class Counts extends ThreadCells<Count> {
    long retired;
    final List<Thread> retiredOwners = new ArrayList<>();

    @Override
    protected Count newCell(Thread owner) {
      return new Count(owner);
    }

    @Override
    protected void retire(Count cell) {
      assertThat(Thread.holdsLock(this)).isTrue();
      retired += cell.value;
      retiredOwners.add(cell.owner);
    }

    synchronized long total() {
      long sum = retired;
      for (Count cell : listed()) {
        sum += cell.value;
      }
      return sum;
    }

    synchronized int listedCount() {
      return listed().size();
    }
  }

  @Test
  void aThreadGetsOneCellOfItsOwn() throws Exception {
    Counts counts = new Counts();
    Count mine = counts.mine();
    assertThat(counts.mine()).isSameAs(mine);
    assertThat(mine.owner).isSameAs(Thread.currentThread());
    Count[] theirs = new Count[1];
    InFlightCounterTest.inThread(() -> theirs[0] = counts.mine());
    assertThat(theirs[0]).isNotSameAs(mine);
    assertThat(counts.listedCount()).isEqualTo(2);
  }

  @Test
  void endedThreadsAreSweptOnceEachAndTheirCountsKept() throws Exception {
    Counts counts = new Counts();
    counts.mine().value = 1; // this thread stays alive: never swept
    for (int i = 0; i < 500; i++) {
      InFlightCounterTest.inThread(() -> counts.mine().value = 2);
    }
    assertThat(counts.total()).isEqualTo(1 + 2 * 500);
    assertThat(counts.listedCount()).isLessThan(200); // swept as the list doubled, not kept
    assertThat(counts.retiredOwners).doesNotHaveDuplicates().doesNotContain(Thread.currentThread());
    assertThat(counts.retiredOwners.size() + counts.listedCount()).isEqualTo(501);
  }
}
