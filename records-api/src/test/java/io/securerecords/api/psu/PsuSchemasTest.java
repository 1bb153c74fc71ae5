package io.securerecords.api.psu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.schema.RecordSchema;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The derived schemas against the "What is held" table of docs/disclosure-policy.md. */
class PsuSchemasTest {

  private static Map<String, FieldClass> classes(RecordSchema schema) {
    Map<String, FieldClass> m = new LinkedHashMap<>();
    schema.fields().forEach(f -> m.put(f.name(), f.fieldClass()));
    return m;
  }

  private static Set<String> required(RecordSchema schema) {
    return schema.fields().stream()
        .filter(FieldSpec::required)
        .map(FieldSpec::name)
        .collect(Collectors.toSet());
  }

  @Test
  void basicRecordFieldsHaveThePolicyTablesClasses() {
    Map<String, FieldClass> expected = new LinkedHashMap<>();
    // IDENTITY: name; professional register and number.
    expected.put("fullName", FieldClass.IDENTITY);
    expected.put("registration", FieldClass.IDENTITY);
    // CONTACT: email address, postal address.
    expected.put("email", FieldClass.CONTACT);
    expected.put("postalAddress", FieldClass.CONTACT);
    // PROFESSIONAL: career grade; employer; responsible officer and designated body; training
    // status and programme region. Profession and the recorded supervisor are professional facts
    // the policy's conditions read (2.2, supervisor feedback).
    expected.put("profession", FieldClass.PROFESSIONAL);
    expected.put("careerGrade", FieldClass.PROFESSIONAL);
    expected.put("employer", FieldClass.PROFESSIONAL);
    expected.put("responsibleOfficer", FieldClass.PROFESSIONAL);
    expected.put("supervisor", FieldClass.PROFESSIONAL);
    expected.put("trainingStatus", FieldClass.PROFESSIONAL);
    expected.put("programmeRegion", FieldClass.PROFESSIONAL);
    // SERVICE_USE: the PSU services and teams accessed; appointment dates.
    expected.put("servicesAccessed", FieldClass.SERVICE_USE);
    expected.put("appointments", FieldClass.SERVICE_USE);
    // DEMOGRAPHIC: ethnicity; place of primary medical qualification; disability.
    expected.put("ethnicity", FieldClass.DEMOGRAPHIC);
    expected.put("primaryQualificationPlace", FieldClass.DEMOGRAPHIC);
    expected.put("disability", FieldClass.DEMOGRAPHIC);

    RecordSchema basic = PsuSchemas.basic();
    assertEquals("psu.basic", basic.type().name());
    assertEquals(BasicRecord.class, basic.javaType());
    assertEquals(expected, classes(basic));
    assertEquals(Set.of("fullName", "registration"), required(basic));
    for (FieldSpec f : basic.fields()) {
      assertTrue(f.fieldClass().part() != FieldClass.Part.CASEWORK, f.name());
    }
  }

  @Test
  void caseworkRecordFieldsHaveThePolicyTablesClasses() {
    Map<String, FieldClass> expected = new LinkedHashMap<>();
    // SERVICE_USE: team, service, allocated adviser, service administrator, opened/closed.
    expected.put("team", FieldClass.SERVICE_USE);
    expected.put("service", FieldClass.SERVICE_USE);
    expected.put("adviser", FieldClass.SERVICE_USE);
    expected.put("administrator", FieldClass.SERVICE_USE);
    expected.put("opened", FieldClass.SERVICE_USE);
    expected.put("closed", FieldClass.SERVICE_USE);
    expected.put("summary", FieldClass.CASE_SUMMARY);
    expected.put("correspondence", FieldClass.CORRESPONDENCE);
    expected.put("observations", FieldClass.OBSERVATIONS);

    RecordSchema casework = PsuSchemas.casework();
    assertEquals("psu.casework", casework.type().name());
    assertEquals(CaseworkRecord.class, casework.javaType());
    assertEquals(expected, classes(casework));
    assertEquals(Set.of("team", "service", "opened"), required(casework));
    assertFalse(casework.fieldClasses().contains(FieldClass.IDENTITY));
    assertFalse(casework.fieldClasses().contains(FieldClass.DEMOGRAPHIC));
  }

  @Test
  void allIsTheRecordsThenTheClientsChoicesAndDeriveIsStable() {
    List<RecordSchema> expected = new java.util.ArrayList<>(
        List.of(PsuSchemas.basic(), PsuSchemas.casework()));
    expected.addAll(PsuSchemas.choices());
    expected.add(PsuSchemas.amendment());
    assertEquals(expected, PsuSchemas.all());
    assertEquals(List.of("psu.consent", "psu.objection", "psu.acknowledgement"),
        PsuSchemas.choices().stream().map(s -> s.type().name()).toList());
    assertEquals(RecordSchema.derive(BasicRecord.class), PsuSchemas.basic());
    assertEquals(RecordSchema.derive(CaseworkRecord.class), PsuSchemas.casework());
  }

  @Test
  void recordsAtEveryLimitFitTheirFieldsEncodedSize() {
    String name = "\"".repeat(200);
    String freeText = "\u0001".repeat(32_000); // escaped as six bytes each
    Appointment appointment = new Appointment(LocalDate.of(9999, 12, 31), Team.COACHING);
    BasicRecord basic =
        BasicRecord.builder(name, new Registration(Register.NMC, "12A3456E"))
            .email("a".repeat(64) + "@" + "b".repeat(185) + ".org")
            .postalAddress("\r".repeat(500))
            .employer(name)
            .servicesAccessed(Collections.nCopies(1_000, "S".repeat(64)))
            .appointments(Collections.nCopies(1_000, appointment))
            .disability("\uD83D\uDE00".repeat(200))
            .build();
    Map<String, byte[]> encoded = PsuSchemas.basic().encode(basic);
    assertTrue(encoded.get("servicesAccessed").length > FieldSpec.DEFAULT_MAX_BYTES);
    assertEquals(basic, PsuSchemas.basic().decode(encoded, BasicRecord.class));

    CaseworkRecord casework =
        CaseworkRecord.builder(Team.COACHING, "COACH", LocalDate.of(2024, 1, 1))
            .summary(freeText)
            .observations(freeText)
            .correspondence(List.of(new Message(LocalDate.of(2024, 1, 2), name, name, null, freeText)))
            .build();
    Map<String, byte[]> fields =
        assertDoesNotThrow(() -> PsuSchemas.casework().encode(casework));
    assertEquals(6 * 32_000 + 2, fields.get("summary").length);
    assertEquals(casework, PsuSchemas.casework().decode(fields, CaseworkRecord.class));
  }

  @Test
  void encodeRefusesAValueOfAnotherType() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                PsuSchemas.casework()
                    .encode(BasicRecord.builder("A", new Registration(Register.GDC, "1")).build()));
    assertTrue(e.field().startsWith("psu.casework."), e.field());
  }
}
