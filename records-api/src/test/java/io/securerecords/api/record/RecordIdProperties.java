package io.securerecords.api.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Time-ordered record ids: valid ids that sort by creation time, unique within a millisecond. */
class RecordIdProperties {
  private static final long LAST_MILLI = 0xFFFF_FFFF_FFFFL;

  @Property
  void idsSortAsTheirCreationTimes(@ForAll @LongRange(min = 0, max = LAST_MILLI) long a,
      @ForAll @LongRange(min = 0, max = LAST_MILLI) long b) {
    RecordId x = RecordId.timeOrdered(Instant.ofEpochMilli(a));
    RecordId y = RecordId.timeOrdered(Instant.ofEpochMilli(b));
    if (a < b) {
      assertTrue(x.compareTo(y) < 0, x + " before " + y);
    } else if (a > b) {
      assertTrue(x.compareTo(y) > 0, x + " after " + y);
    }
    assertEquals(x, RecordId.of(x.value()), "a valid id");
    assertEquals(33, x.value().length());
  }

  @Test
  void idsOfTheSameMillisecondDiffer() {
    Instant now = Instant.parse("2026-03-08T10:15:30.123Z");
    RecordId first = RecordId.timeOrdered(now);
    RecordId second = RecordId.timeOrdered(now);
    assertNotEquals(first, second);
    assertEquals(first.value().substring(0, 12), second.value().substring(0, 12));
  }

  @Test
  void timesOutsideTheFormatAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> RecordId.timeOrdered(Instant.ofEpochMilli(-1)));
    assertThrows(IllegalArgumentException.class,
        () -> RecordId.timeOrdered(Instant.ofEpochMilli(LAST_MILLI + 1)));
  }
}
