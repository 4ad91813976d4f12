package dev.taskrt.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The compact structures that keep a million-task recording within a small heap. */
class CompactStructuresTest {
  @Test
  void longIntMapFindsEveryKeyAfterGrowing() {
    LongIntMap map = new LongIntMap(4);
    for (int i = 0; i < 100_000; i++) {
      map.put(i * 7919L + 3, i);
    }
    assertThat(map.size()).isEqualTo(100_000);
    for (int i = 0; i < 100_000; i++) {
      assertThat(map.get(i * 7919L + 3)).isEqualTo(i);
    }
    assertThat(map.get(-5)).isEqualTo(-1);
  }

  @Test
  void histogramPercentilesAreWithinThreePercent() {
    Histogram h = new Histogram();
    long[] values = new long[100_000];
    Random random = new Random(42);
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) Math.exp(random.nextDouble() * 20);
      h.add(values[i]);
    }
    java.util.Arrays.sort(values);
    for (double p : new double[] {0.5, 0.9, 0.99}) {
      long exact = values[(int) Math.ceil(p * values.length) - 1];
      assertThat((double) h.percentile(p))
          .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(3.2));
    }
    assertThat(h.max()).isEqualTo(values[values.length - 1]);
    assertThat(h.count()).isEqualTo(values.length);
  }

  @Test
  void taskTableStopsAtItsCapacityAndCountsTheRest() {
    TaskTable table = new TaskTable(20_000);
    for (long id = 1; id <= 25_000; id++) {
      int row = table.rowFor(id);
      if (row >= 0) {
        table.ended(
            row, id - 1, StringTable.DEFAULT_NAME, 0, TaskTable.DONE, false, 0, id, 5, 0, 0, -1);
      }
    }
    assertThat(table.size()).isEqualTo(20_000);
    assertThat(table.overflow()).isEqualTo(5_000);
    assertThat(table.complete()).isFalse();
    int row = table.row(19_999);
    assertThat(table.parent(row)).isEqualTo(19_998);
    assertThat(table.outcomeName(row)).isEqualTo("DONE");
    assertThat(table.scheduler(row)).isZero();
  }

  @Test
  void defaultTaskNamesAreNotStored() {
    StringTable names = new StringTable(10);
    assertThat(names.internTaskName("task-77", 77)).isEqualTo(StringTable.DEFAULT_NAME);
    assertThat(names.taskName(StringTable.DEFAULT_NAME, 77)).isEqualTo("task-77");
    assertThat(names.internTaskName("task-77", 78)).isZero();
    assertThat(names.size()).isEqualTo(1);
  }
}
