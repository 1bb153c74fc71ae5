package io.securerecords.api.psu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Encoding a record through its schema and decoding it again gives back the same record. */
class PsuRoundTripProperties {

  @Provide
  Arbitrary<CaseworkRecord> casework() {
    return PsuArbitraries.caseworkRecords();
  }

  @Provide
  Arbitrary<BasicRecord> basic() {
    return PsuArbitraries.basicRecords();
  }

  @Property(tries = 300)
  void caseworkRoundTripsThroughItsSchema(@ForAll("casework") CaseworkRecord record) {
    Map<String, byte[]> fields = PsuSchemas.casework().encode(record);
    assertEquals(record, PsuSchemas.casework().decode(fields, CaseworkRecord.class));
  }

  @Property(tries = 300)
  void basicRoundTripsThroughItsSchema(@ForAll("basic") BasicRecord record) {
    Map<String, byte[]> fields = PsuSchemas.basic().encode(record);
    assertEquals(record, PsuSchemas.basic().decode(fields, BasicRecord.class));
  }
}
