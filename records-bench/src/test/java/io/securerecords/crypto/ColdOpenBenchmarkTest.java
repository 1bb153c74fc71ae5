package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cold-open benchmark compares like with like: the library and the floor open the same
 * records of several clients, in the same order, to the same bytes. Nothing is timed here.
 */
class ColdOpenBenchmarkTest {

  @Test
  void bothSidesOpenTheSameRecordsOfEveryClientInTurn() throws Exception {
    ColdOpenBenchmark library = new ColdOpenBenchmark();
    ColdOpenBenchmark floor = new ColdOpenBenchmark();
    library.clients = 3;
    floor.clients = 3;
    library.setUp();
    floor.setUp();
    try {
      Set<Integer> sizes = new HashSet<>();
      for (int call = 0; call < 6; call++) {
        List<byte[]> opened = new ArrayList<>(library.libraryOpen().values());
        List<byte[]> floored = floor.floorOpen();
        assertEquals(floored.size(), opened.size());
        for (int f = 0; f < opened.size(); f++) {
          assertArrayEquals(floored.get(f), opened.get(f), "call " + call + ", field " + f);
        }
        sizes.add(opened.size());
      }
      assertEquals(2, sizes.size(), "casework and Basic Records both opened");
      assertNotEquals(library.sealedForTest(0).client(), library.sealedForTest(1).client());
    } finally {
      library.tearDown();
      floor.tearDown();
    }
  }
}
