package io.securerecords.api.psu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.schema.Classified;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.api.schema.SealedType;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An existing system's entity (a mutable POJO with Jackson annotations) maps onto the classes. */
class HeeEntityDerivationTest {

  /** The shape of an existing HEE trainee entity: getters, setters and Jackson annotations. */
  @SealedType("hee.trainee")
  public static class HeeTrainee {
    @Classified(value = FieldClass.IDENTITY, required = true)
    @JsonProperty("gmc_number")
    private String gmcNumber;

    @Classified(FieldClass.IDENTITY)
    private String surname;

    private String grade;

    @Classified(FieldClass.SERVICE_USE)
    private LocalDate firstAppointment;

    // Internal bookkeeping the entity never serialises: needs no class.
    @JsonIgnore private long version;

    public String getGmcNumber() {
      return gmcNumber;
    }

    public void setGmcNumber(String gmcNumber) {
      this.gmcNumber = gmcNumber;
    }

    public String getSurname() {
      return surname;
    }

    public void setSurname(String surname) {
      this.surname = surname;
    }

    /** Classified on the getter rather than the field. */
    @Classified(FieldClass.PROFESSIONAL)
    public String getGrade() {
      return grade;
    }

    public void setGrade(String grade) {
      this.grade = grade;
    }

    public LocalDate getFirstAppointment() {
      return firstAppointment;
    }

    public void setFirstAppointment(LocalDate firstAppointment) {
      this.firstAppointment = firstAppointment;
    }

    public long getVersion() {
      return version;
    }

    public void setVersion(long version) {
      this.version = version;
    }
  }

  /** The same entity with one new column somebody forgot to classify. */
  @SealedType("hee.trainee")
  public static class HeeTraineeWithUnclassifiedNotes extends HeeTrainee {
    private String notes;

    public String getNotes() {
      return notes;
    }

    public void setNotes(String notes) {
      this.notes = notes;
    }
  }

  /** An entity without a record type. */
  public static class Unnamed {
    @Classified(FieldClass.IDENTITY)
    public String name;
  }

  @Test
  void derivesTheClassesOfAnExistingEntity() {
    RecordSchema schema = RecordSchema.derive(HeeTrainee.class);
    assertEquals("hee.trainee", schema.type().name());
    Map<String, FieldClass> byName = new java.util.HashMap<>();
    schema.fields().forEach(f -> byName.put(f.name(), f.fieldClass()));
    assertEquals(
        Map.of(
            "gmc_number", FieldClass.IDENTITY,
            "surname", FieldClass.IDENTITY,
            "grade", FieldClass.PROFESSIONAL,
            "firstAppointment", FieldClass.SERVICE_USE),
        byName);
    assertTrue(schema.field("gmc_number").map(FieldSpec::required).orElseThrow());
    assertFalse(schema.field("surname").map(FieldSpec::required).orElseThrow());
    assertTrue(schema.field("version").isEmpty());
  }

  @Test
  void encodesAndDecodesTheEntity() {
    RecordSchema schema = RecordSchema.derive(HeeTrainee.class);
    HeeTrainee t = new HeeTrainee();
    t.setGmcNumber("1234567");
    t.setSurname("Okonkwo-Smith");
    t.setGrade("FY2");
    t.setFirstAppointment(LocalDate.of(2024, 5, 6));
    t.setVersion(42);
    Map<String, byte[]> fields = schema.encode(t);
    assertEquals(schema.fields().size(), fields.size());
    HeeTrainee back = schema.decode(fields, HeeTrainee.class);
    assertEquals("1234567", back.getGmcNumber());
    assertEquals("Okonkwo-Smith", back.getSurname());
    assertEquals("FY2", back.getGrade());
    assertEquals(LocalDate.of(2024, 5, 6), back.getFirstAppointment());
    assertEquals(0, back.getVersion());

    t.setGmcNumber(null);
    assertEquals(
        "hee.trainee.gmc_number",
        assertThrows(InvalidInputException.class, () -> schema.encode(t)).field());
    HeeTrainee empty = schema.decode(Map.of(), HeeTrainee.class);
    assertNull(empty.getSurname());
  }

  @Test
  void refusesAPropertyWithoutAClass() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> RecordSchema.derive(HeeTraineeWithUnclassifiedNotes.class));
    assertEquals("hee.trainee.notes", e.field());
    assertEquals("every property needs @Classified with its field class", e.rule());
  }

  @Test
  void refusesAnEntityWithoutARecordType() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> RecordSchema.derive(Unnamed.class));
    assertEquals("Unnamed", e.field());
  }
}
