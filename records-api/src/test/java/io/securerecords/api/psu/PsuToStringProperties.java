package io.securerecords.api.psu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@code toString()} of the PSU types, and the message of a refusal, never contain a value: every
 * string value is a distinctive canary, and none may appear in the output.
 */
class PsuToStringProperties {

  @Provide
  Arbitrary<List<String>> canaries() {
    return PsuArbitraries.canaries().list().ofSize(24).uniqueElements();
  }

  @Provide
  Arbitrary<LocalDate> dates() {
    return PsuArbitraries.dates();
  }

  @Provide
  Arbitrary<String> gmcNumbers() {
    return Arbitraries.strings().numeric().ofLength(7);
  }

  private static void assertNoValueIn(String shown, List<String> values) {
    for (String value : values) {
      assertFalse(shown.contains(value), () -> "shows a value: " + shown);
    }
  }

  @Property(tries = 200)
  void basicRecordShowsNoValue(
      @ForAll("canaries") List<String> c,
      @ForAll("gmcNumbers") String number,
      @ForAll("dates") LocalDate day,
      @ForAll @IntRange(min = 0, max = 3) int appointments) {
    Registration registration = new Registration(Register.GMC, number);
    ResponsibleOfficer officer = new ResponsibleOfficer(c.get(5), c.get(6));
    Supervisor supervisor = new Supervisor(c.get(7), c.get(8) + "@" + c.get(9) + ".org");
    List<Appointment> appts = new ArrayList<>();
    for (int i = 0; i < appointments; i++) {
      appts.add(new Appointment(day, Team.values()[i]));
    }
    BasicRecord.Builder builder =
        BasicRecord.builder(c.get(0), registration)
            .email(c.get(1) + "@" + c.get(2) + ".org")
            .postalAddress(c.get(3) + "\n" + c.get(4))
            .profession(Profession.DOCTOR)
            .careerGrade(c.get(10))
            .employer(c.get(11))
            .responsibleOfficer(officer)
            .supervisor(supervisor)
            .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
            .programmeRegion(ProgrammeRegion.LONDON)
            .servicesAccessed(List.of(c.get(12), c.get(13)))
            .appointments(appts)
            .ethnicity(c.get(14))
            .primaryQualificationPlace(c.get(15))
            .disability(c.get(16));
    BasicRecord record = builder.build();

    List<String> values = new ArrayList<>(c);
    values.add(number);
    values.add(day.toString());
    for (Object shown :
        List.of(record, registration, officer, supervisor, builder, record.toBuilder())) {
      assertNoValueIn(shown.toString(), values);
    }
    for (Appointment a : record.appointments()) {
      assertNoValueIn(a.toString(), values);
    }
    assertEquals(
        "BasicRecord[servicesAccessed=2, appointments=" + appointments + "]", record.toString());
  }

  @Property(tries = 200)
  void caseworkRecordAndMessagesShowNoValue(
      @ForAll("canaries") List<String> c,
      @ForAll("dates") LocalDate opened,
      @ForAll @IntRange(min = 0, max = 3) int messages) {
    List<Message> correspondence = new ArrayList<>();
    for (int i = 0; i < messages; i++) {
      correspondence.add(
          new Message(opened, c.get(6 + i), c.get(10 + i), c.get(14 + i), c.get(18 + i) + "\n"));
    }
    CaseworkRecord.Builder builder =
        CaseworkRecord.builder(Team.COACHING, c.get(0), opened)
            .adviser(c.get(1))
            .administrator(c.get(2))
            .closed(opened)
            .summary(c.get(3))
            .correspondence(correspondence)
            .observations(c.get(4));
    CaseworkRecord record = builder.build();

    List<String> values = new ArrayList<>(c);
    values.add(opened.toString());
    for (Object shown : List.of(record, builder, record.toBuilder())) {
      assertNoValueIn(shown.toString(), values);
    }
    for (Message m : record.correspondence()) {
      assertNoValueIn(m.toString(), values);
    }
    assertEquals(
        "CaseworkRecord[team=COACHING, correspondence=" + messages + "]", record.toString());
  }

  @Provide
  Arbitrary<String> breakers() {
    return Arbitraries.of("\n", "\r", "\u0000", "\u001b", "\u2028", "\u0085", "\uD800");
  }

  @Property(tries = 200)
  void aRefusalNeverContainsTheRefusedValue(
      @ForAll("canaries") List<String> c,
      @ForAll("breakers") String breaker,
      @ForAll @IntRange(min = 0, max = 6) int field) {
    String bad = c.get(0) + breaker + c.get(1);
    Registration gmc = new Registration(Register.GMC, "1234567");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> {
              switch (field) {
                case 0 -> BasicRecord.builder(bad, gmc).build();
                case 1 -> BasicRecord.builder("A", gmc).employer(bad).build();
                case 2 -> BasicRecord.builder("A", gmc).email(bad).build();
                case 3 -> new Supervisor(bad, null);
                case 4 -> new Message(LocalDate.of(2024, 1, 1), "a", bad, null, null);
                case 5 -> CaseworkRecord.builder(Team.IST, "IST", LocalDate.of(2024, 1, 1)).adviser(bad).build();
                default -> Registration.parse(Register.GMC, bad);
              }
            });
    assertFalse(e.getMessage().contains(c.get(0)), e.getMessage());
    assertFalse(e.getMessage().contains(c.get(1)), e.getMessage());
  }

  @Provide
  Arbitrary<String> overlong() {
    return Combinators.combine(PsuArbitraries.canaries(), Arbitraries.integers().between(191, 400))
        .as((canary, pad) -> canary + "y".repeat(pad));
  }

  @Property(tries = 100)
  void aTooLongValueIsNotEchoedEither(@ForAll("overlong") String bad) {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> new ResponsibleOfficer(bad, null));
    assertEquals("responsibleOfficer.name", e.field());
    assertFalse(e.getMessage().contains(bad.substring(0, 14)), e.getMessage());
  }
}
