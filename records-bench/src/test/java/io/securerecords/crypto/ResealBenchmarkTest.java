package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Benchmark 7b measures what it says: every shot starts from keysets of {@code rotationsBefore + 1}
 * keys and rotates each client exactly once. Nothing is timed here.
 */
class ResealBenchmarkTest {

  @Test
  void aShotRotatesEveryClientOnceFromKeysetsOfTheChosenSize() {
    ResealBenchmark b = new ResealBenchmark();
    b.clients = 4;
    b.rotationsBefore = 2;
    b.setUp();
    try {
      for (int i = 0; i < 4; i++) {
        assertEquals(3, b.keysOf(i), "client " + i + " before the shot");
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(2, b.rotateAndReseal());
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(4, b.keysOf(i), "client " + i + " after the shot");
      }
      assertThrows(IllegalStateException.class, b::rotateAndReseal);
    } finally {
      b.tearDown();
    }
  }

  @Test
  void eachShotStartsAfresh() {
    ResealBenchmark b = new ResealBenchmark();
    b.clients = 2;
    b.rotationsBefore = 0;
    for (int shot = 0; shot < 2; shot++) {
      b.setUp();
      try {
        assertEquals(1, b.keysOf(0), "shot " + shot);
        b.rotateAndReseal();
        b.rotateAndReseal();
        assertEquals(2, b.keysOf(1), "shot " + shot);
      } finally {
        b.tearDown();
      }
    }
  }
}
