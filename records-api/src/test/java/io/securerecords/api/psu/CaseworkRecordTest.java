package io.securerecords.api.psu;

import static io.securerecords.api.psu.BasicRecordTest.refused;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CaseworkRecordTest {
  private static final LocalDate OPENED = LocalDate.of(2024, 3, 1);

  private static Message message(String body) {
    return new Message(OPENED.plusDays(1), "client@example.org", "adviser@example.org", "Next steps", body);
  }

  private static CaseworkRecord.Builder valid() {
    return CaseworkRecord.builder(Team.SCCLS, "SCCLS-LANG", OPENED)
        .adviser("Adviser Name")
        .administrator("Administrator Name")
        .closed(OPENED.plusMonths(2))
        .summary("Objectives:\n1. Consultation skills\n\tProgress: good")
        .correspondence(List.of(message("Dear Dr A,\n\nThank you.")))
        .observations("Observed a consultation; feedback given.");
  }

  private static InvalidInputException refusedCasework(
      String path, String badValue, UnaryOperator<CaseworkRecord.Builder> change) {
    return refused(path, badValue, () -> change.apply(valid()).build());
  }

  @Test
  void aValidRecordBuildsAndRoundTripsThroughItsBuilder() {
    CaseworkRecord r = valid().build();
    assertEquals(Team.SCCLS, r.team());
    assertEquals(r, r.toBuilder().build());
  }

  @Test
  void teamServiceAndOpenedAreRequired() {
    refusedCasework("team", null, b -> b.team(null));
    refusedCasework("service", null, b -> b.service(null));
    refusedCasework("service", null, b -> b.service(""));
    refusedCasework("opened", null, b -> b.opened(null));
    assertDoesNotThrow(() -> CaseworkRecord.builder(Team.IST, "IST", OPENED).build());
  }

  @Test
  void serviceIsACode() {
    refusedCasework("service", "CANARY", b -> b.service("CANARY service"));
    refusedCasework("service", "CANARY", b -> b.service("CANARY" + "x".repeat(60)));
  }

  @Test
  void closedIsNotBeforeOpened() {
    InvalidInputException e = refusedCasework("closed", "2024", b -> b.closed(OPENED.minusDays(1)));
    assertEquals("must not be before opened", e.rule());
    assertDoesNotThrow(() -> valid().closed(OPENED).build());
    assertDoesNotThrow(() -> valid().closed(null).build());
    refusedCasework("opened", "10000", b -> b.opened(LocalDate.of(10_000, 1, 1)).closed(null));
  }

  @Test
  void adviserAndAdministratorAreSingleLineNames() {
    refusedCasework("adviser", "CANARY", b -> b.adviser("CANARY\r\nBcc: x"));
    refusedCasework("administrator", "CANARY", b -> b.administrator("CANARY" + "a".repeat(195)));
  }

  @Test
  void freeTextIsAtMost32000CharactersOfAnyUnicode() {
    String atLimit = "\u0001\n\t\u2028é\uD83D\uDE00".repeat(32_000 / 6) + "ab";
    assertEquals(32_000, atLimit.codePointCount(0, atLimit.length()));
    assertDoesNotThrow(() -> valid().summary(atLimit).observations(atLimit).build());
    String over = "FREECANARY" + "x".repeat(31_991);
    InvalidInputException e = refusedCasework("summary", "FREECANARY", b -> b.summary(over));
    assertEquals("must be at most 32000 characters", e.rule());
    refusedCasework("observations", "FREECANARY", b -> b.observations(over));
    refusedCasework("summary", null, b -> b.summary("FREECANARY\uDBFF"));
  }

  @Test
  void atMost500MessagesAndNoneMissing() {
    Message m = message("hello");
    assertEquals(500, valid().correspondence(Collections.nCopies(500, m)).build().correspondence().size());
    refusedCasework("correspondence", null, b -> b.correspondence(Collections.nCopies(501, m)));
    refusedCasework("correspondence[3]", null, b -> b.correspondence(Arrays.asList(m, m, m, null)));
  }

  @Test
  void messagesValidateTheirOwnFields() {
    refused("message.sent", null, () -> new Message(null, "a", "b", null, null));
    refused("message.from", null, () -> new Message(OPENED, null, "b", null, null));
    refused("message.to", null, () -> new Message(OPENED, "a", " ", null, null));
    refused("message.from", "CANARY", () -> new Message(OPENED, "CANARY\n", "b", null, null));
    refused("message.subject", "CANARY", () -> new Message(OPENED, "a", "b", "CANARY\r\nBcc: x", null));
    refused("message.subject", "CANARY", () -> new Message(OPENED, "a", "b", "CANARY" + "s".repeat(993), null));
    assertDoesNotThrow(() -> new Message(OPENED, "a", "b", "s".repeat(998), null));
    refused("message.body", "CANARY", () -> message("CANARY" + "b".repeat(31_995)));
    assertDoesNotThrow(() -> message("\u0000\u0007 any\r\ncontrol \uD83D\uDE00"));
  }

  @Test
  void decodingThroughTheSchemaNamesTheFullPathOfANestedField() {
    CaseworkRecord r =
        valid().correspondence(List.of(message("1"), message("2"), message("3"), message("4"))).build();
    Map<String, byte[]> fields = new HashMap<>(PsuSchemas.casework().encode(r));
    String json = new String(fields.get("correspondence"), StandardCharsets.UTF_8);
    // A body over the limit in the fourth message, as an altered or legacy row could hold.
    String canary = "BODYCANARY";
    int at = json.lastIndexOf("\"body\":\"4\"");
    json = json.substring(0, at) + "\"body\":\"" + canary + "x".repeat(32_000) + "\"" + json.substring(at + 10);
    fields.put("correspondence", json.getBytes(StandardCharsets.UTF_8));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> PsuSchemas.casework().decode(fields, CaseworkRecord.class));
    assertEquals("psu.casework.correspondence[3].body", e.field());
    assertEquals("must be at most 32000 characters", e.rule());
    assertFalse(e.getMessage().contains(canary));
  }

  @Test
  void decodingNamesTopLevelAndRegistrationPaths() {
    Map<String, byte[]> fields = new HashMap<>(PsuSchemas.casework().encode(valid().build()));
    fields.put("closed", "\"2000-01-01\"".getBytes(StandardCharsets.UTF_8));
    InvalidInputException closed =
        assertThrows(
            InvalidInputException.class,
            () -> PsuSchemas.casework().decode(fields, CaseworkRecord.class));
    assertEquals("psu.casework.closed", closed.field());

    BasicRecord basic = BasicRecord.builder("A", new Registration(Register.GMC, "1234567")).build();
    Map<String, byte[]> basicFields = new HashMap<>(PsuSchemas.basic().encode(basic));
    basicFields.put(
        "registration",
        "{\"register\":\"GMC\",\"number\":\"7654\"}".getBytes(StandardCharsets.UTF_8));
    InvalidInputException number =
        assertThrows(
            InvalidInputException.class,
            () -> PsuSchemas.basic().decode(basicFields, BasicRecord.class));
    assertEquals("psu.basic.registration.number", number.field());
    assertFalse(number.getMessage().contains("7654"));
  }

  @Test
  void correspondenceIsCopiedImmutably() {
    List<Message> messages = new ArrayList<>(List.of(message("a")));
    CaseworkRecord r = valid().correspondence(messages).build();
    messages.add(message("b"));
    assertEquals(1, r.correspondence().size());
    assertThrows(UnsupportedOperationException.class, () -> r.correspondence().add(message("c")));
    assertEquals(List.of(), valid().correspondence(null).build().correspondence());
  }

  @Test
  void toStringShowsTeamAndCountOnly() {
    assertEquals("CaseworkRecord[team=SCCLS, correspondence=1]", valid().build().toString());
    assertEquals("Message[***]", message("secret").toString());
    assertEquals("CaseworkRecord.Builder", valid().toString());
  }
}
