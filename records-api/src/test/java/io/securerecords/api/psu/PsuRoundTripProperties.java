package io.securerecords.api.psu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.schema.RecordSchema;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Encoding a record through its schema and decoding it again gives back the same record; each
 * field's bytes are what Jackson writes for that field's value on its own.
 */
class PsuRoundTripProperties {
  private static final ObjectMapper JACKSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

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

  @Property(tries = 300)
  void caseworkFieldsAreEachFieldsOwnJson(@ForAll("casework") CaseworkRecord record)
      throws JsonProcessingException {
    assertEachFieldIsItsOwnJson(PsuSchemas.casework(), record);
  }

  @Property(tries = 300)
  void basicFieldsAreEachFieldsOwnJson(@ForAll("basic") BasicRecord record)
      throws JsonProcessingException {
    assertEachFieldIsItsOwnJson(PsuSchemas.basic(), record);
  }

  private static void assertEachFieldIsItsOwnJson(RecordSchema schema, Object record)
      throws JsonProcessingException {
    Map<String, byte[]> fields = schema.encode(record);
    JsonNode tree = JACKSON.valueToTree(record);
    List<String> names = schema.fields().stream().map(FieldSpec::name).toList();
    assertEquals(names, List.copyOf(fields.keySet()));
    for (String name : names) {
      JsonNode value = tree.has(name) ? tree.get(name) : NullNode.getInstance();
      assertArrayEquals(JACKSON.writeValueAsBytes(value), fields.get(name), name);
    }
  }
}
