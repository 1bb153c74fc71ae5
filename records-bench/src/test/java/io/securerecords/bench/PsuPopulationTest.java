package io.securerecords.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.psu.PsuSchemas;
import org.junit.jupiter.api.Test;

/** The benchmark population is what BENCHMARKS.md says it is; no benchmark runs here. */
class PsuPopulationTest {

  @Test
  void theSameSeedGivesTheSameClients() {
    PsuPopulation.PsuClient a = PsuPopulation.standard().client(42);
    PsuPopulation.PsuClient b = PsuPopulation.withSeed(PsuPopulation.DEFAULT_SEED).client(42);
    assertEquals(a.basic(), b.basic());
    assertEquals(a.casework(), b.casework());
    assertNotEquals(a.casework(), PsuPopulation.standard().client(43).casework());
  }

  @Test
  void caseworkHoldsAboutFourKilobytesOfText() {
    var c = PsuPopulation.standard().client(7).casework();
    int text = c.summary().length() + c.observations().length()
        + c.correspondence().stream().mapToInt(m -> m.body().length() + m.subject().length()).sum();
    assertTrue(text >= 3_800 && text <= 4_600, "casework text was " + text + " characters");
    int encoded = PsuSchemas.casework().encode(c).values().stream().mapToInt(v -> v.length).sum();
    assertTrue(encoded >= 4_000 && encoded <= 5_000, "encoded casework was " + encoded + " bytes");
  }

  @Test
  void registerNumbersAreUniqueGmcNumbers() {
    assertEquals("2000000", PsuPopulation.standard().client(0).registerNumber());
    assertEquals("2999999", PsuPopulation.standard().client(999_999).registerNumber());
  }
}
