package io.securerecords.api.psu;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.InvalidInputException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BasicRecordTest {
  private static final Registration GMC = new Registration(Register.GMC, "1234567");

  private static BasicRecord.Builder valid() {
    return BasicRecord.builder("Dr Aoife Ní Bhriain", GMC)
        .email("aoife@example.nhs.uk")
        .postalAddress("1 Test Street\nLondon\r\nE1 1AA")
        .profession(Profession.DOCTOR)
        .careerGrade("ST3")
        .employer("Example NHS Trust")
        .responsibleOfficer(new ResponsibleOfficer("Dr R Officer", "Health Education England"))
        .supervisor(new Supervisor("Dr S Visor", "s.visor@example.nhs.uk"))
        .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
        .programmeRegion(ProgrammeRegion.KSS)
        .servicesAccessed(List.of("SCCLS-LANG", "IST.1"))
        .appointments(List.of(new Appointment(LocalDate.of(2024, 2, 29), Team.SCCLS)))
        .ethnicity("Any other White background")
        .primaryQualificationPlace("Trinity College Dublin")
        .disability("None declared");
  }

  /** Asserts a refusal names the path, and that its message never carries the bad value. */
  static InvalidInputException refused(String path, String badValue, Executable build) {
    InvalidInputException e = assertThrows(InvalidInputException.class, build);
    assertEquals(path, e.field(), e.getMessage());
    if (badValue != null) {
      assertFalse(e.getMessage().contains(badValue), e.getMessage());
      assertFalse(e.rule().contains(badValue), e.rule());
    }
    return e;
  }

  private static InvalidInputException refusedBasic(
      String path, String badValue, UnaryOperator<BasicRecord.Builder> change) {
    return refused(path, badValue, () -> change.apply(valid()).build());
  }

  @Test
  void aValidRecordBuildsAndKeepsItsValues() {
    BasicRecord r = valid().build();
    assertEquals("Dr Aoife Ní Bhriain", r.fullName());
    assertEquals(GMC, r.registration());
    assertEquals(List.of("SCCLS-LANG", "IST.1"), r.servicesAccessed());
    assertEquals(r, r.toBuilder().build());
  }

  @Test
  void onlyNameAndRegistrationAreRequired() {
    BasicRecord r = BasicRecord.builder("Sam", GMC).servicesAccessed(null).build();
    assertEquals(List.of(), r.servicesAccessed());
    assertEquals(List.of(), r.appointments());
  }

  @Test
  void nameAndRegistrationAreRequired() {
    refusedBasic("fullName", null, b -> b.fullName(null));
    refusedBasic("fullName", null, b -> b.fullName(" \t"));
    refusedBasic("registration", null, b -> b.registration(null));
  }

  @Test
  void namesAreAtMost200CharactersCountingCodePoints() {
    String canary = "NAMECANARY";
    String tooLong = canary + "x".repeat(191);
    InvalidInputException e = refusedBasic("fullName", canary, b -> b.fullName(tooLong));
    assertEquals("must be at most 200 characters", e.rule());
    // 200 supplementary characters are 400 UTF-16 units but 200 characters.
    String twoHundredEmoji = "\uD83D\uDE00".repeat(200);
    assertDoesNotThrow(() -> valid().fullName(twoHundredEmoji).build());
    refusedBasic("employer", canary, b -> b.employer(tooLong));
    refusedBasic("careerGrade", canary, b -> b.careerGrade(tooLong));
    refusedBasic("ethnicity", canary, b -> b.ethnicity(tooLong));
    refusedBasic("primaryQualificationPlace", canary, b -> b.primaryQualificationPlace(tooLong));
    refusedBasic("disability", canary, b -> b.disability(tooLong));
  }

  @Test
  void singleLineFieldsRefuseControlCharactersAndLineBreaks() {
    for (String bad :
        new String[] {"CANARY\nline", "CANARY\u0000", "CANARY\u001b[31m", "CANARY\u2028x", "CANARY\u0085"}) {
      InvalidInputException e = refusedBasic("fullName", "CANARY", b -> b.fullName(bad));
      assertEquals("must be a single line without control characters", e.rule());
      refusedBasic("employer", "CANARY", b -> b.employer(bad));
      refusedBasic("disability", "CANARY", b -> b.disability(bad));
      refusedBasic(
          "responsibleOfficer.name", "CANARY", b -> b.responsibleOfficer(new ResponsibleOfficer(bad, null)));
    }
  }

  @Test
  void textMustBeWellFormedUnicode() {
    InvalidInputException e = refusedBasic("fullName", null, b -> b.fullName("CANARY\uD800"));
    assertEquals("must be well-formed Unicode text", e.rule());
    refusedBasic("fullName", null, b -> b.fullName("\uDC00CANARY"));
  }

  @Test
  void postalAddressAllowsLineBreaksUpTo500Characters() {
    assertDoesNotThrow(() -> valid().postalAddress("a\n".repeat(250)).build());
    refusedBasic("postalAddress", "ADDRCANARY", b -> b.postalAddress("ADDRCANARY" + "a".repeat(491)));
    InvalidInputException e =
        refusedBasic("postalAddress", "ADDRCANARY", b -> b.postalAddress("ADDRCANARY\tStreet"));
    assertEquals("may hold line breaks but no other control characters", e.rule());
  }

  @Test
  void emailMustHaveTheSimpleForm() {
    for (String bad :
        new String[] {
          "canary", "canary@", "@canary.org", "canary@example", "can ary@example.org",
          "canary@@example.org", "canary@example..org", "canary@example.org\n",
        }) {
      refusedBasic("email", "canary", b -> b.email(bad));
    }
    assertDoesNotThrow(() -> valid().email("o'brien+psu@nhs.example.co.uk").build());
    assertDoesNotThrow(() -> valid().email("zoë@bücher.example").build());
    refused(
        "supervisor.email",
        "canary",
        () -> new Supervisor("Dr S", "canary at example.org"));
    refused("supervisor.name", null, () -> new Supervisor(null, "s@example.org"));
  }

  @Test
  void registrationErrorsNameTheNestedPath() {
    refused("registration.number", "99999", () -> valid().registration(new Registration(Register.GMC, "99999")).build());
  }

  @Test
  void serviceCodesAreCheckedOneByOne() {
    InvalidInputException e =
        refusedBasic("servicesAccessed[1]", "CANARY", b -> b.servicesAccessed(List.of("IST", "CANARY code")));
    refusedBasic("servicesAccessed[0]", null, b -> b.servicesAccessed(List.of(" ")));
    refusedBasic("servicesAccessed[2]", null, b -> b.servicesAccessed(Arrays.asList("IST", "SPOC", null)));
    assertEquals(
        "must be letters, digits, '.', '_' or '-', starting with a letter or digit", e.rule());
    refusedBasic(
        "servicesAccessed", null, b -> b.servicesAccessed(Collections.nCopies(1_001, "IST")));
  }

  @Test
  void atMost1000AppointmentsAndNoneMissing() {
    Appointment a = new Appointment(LocalDate.of(2024, 1, 1), Team.IST);
    assertEquals(1_000, valid().appointments(Collections.nCopies(1_000, a)).build().appointments().size());
    InvalidInputException e =
        refusedBasic("appointments", null, b -> b.appointments(Collections.nCopies(1_001, a)));
    assertEquals("must hold at most 1000 entries", e.rule());
    refusedBasic("appointments[1]", null, b -> b.appointments(Arrays.asList(a, null)));
  }

  @Test
  void appointmentsNeedADateInFourDigitYearsAndATeam() {
    refused("appointment.date", null, () -> new Appointment(null, Team.IST));
    refused("appointment.team", null, () -> new Appointment(LocalDate.of(2024, 1, 1), null));
    refused("appointment.date", "10000", () -> new Appointment(LocalDate.of(10_000, 1, 1), Team.IST));
    refused("appointment.date", null, () -> new Appointment(LocalDate.of(0, 12, 31), Team.IST));
    assertDoesNotThrow(() -> new Appointment(LocalDate.of(9999, 12, 31), Team.IST));
  }

  @Test
  void responsibleOfficerNeedsANameAndBoundsTheDesignatedBody() {
    refused("responsibleOfficer.name", null, () -> new ResponsibleOfficer(" ", "HEE"));
    refused(
        "responsibleOfficer.designatedBody",
        "BODYCANARY",
        () -> new ResponsibleOfficer("Dr R", "BODYCANARY" + "y".repeat(200)));
  }

  @Test
  void listsAreCopiedImmutably() {
    List<String> services = new ArrayList<>(List.of("IST"));
    List<Appointment> appointments =
        new ArrayList<>(List.of(new Appointment(LocalDate.of(2024, 1, 1), Team.IST)));
    BasicRecord r = valid().servicesAccessed(services).appointments(appointments).build();
    services.add("SPOC");
    appointments.clear();
    assertEquals(List.of("IST"), r.servicesAccessed());
    assertEquals(1, r.appointments().size());
    assertThrows(UnsupportedOperationException.class, () -> r.servicesAccessed().add("X"));
    assertThrows(UnsupportedOperationException.class, () -> r.appointments().clear());
  }

  @Test
  void toStringShowsCountsOnly() {
    BasicRecord r = valid().build();
    assertEquals("BasicRecord[servicesAccessed=2, appointments=1]", r.toString());
    assertEquals("ResponsibleOfficer[***]", r.responsibleOfficer().toString());
    assertEquals("Supervisor[***]", r.supervisor().toString());
    assertEquals("Appointment[team=SCCLS]", r.appointments().get(0).toString());
    assertEquals("BasicRecord.Builder", valid().toString());
  }
}
