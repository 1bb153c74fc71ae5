package io.securerecords.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.schema.FieldClass;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Another unit's table through {@link PolicyTable#builder()}: validated at build time. */
class PolicyTableBuilderTest {

  /** A unit that only ever gives clients their own data: every other purpose releases nothing. */
  static PolicyTable.Builder onlySubjectAccess() {
    PolicyTable.Builder builder = PolicyTable.builder();
    for (Purpose purpose : Purpose.values()) {
      if (purpose == Purpose.SUBJECT_ACCESS) {
        builder.row(purpose, all(Allowance.ALLOWED), Condition.REQUESTER_IS_CLIENT);
      } else {
        builder.row(purpose, all(Allowance.NEVER));
      }
    }
    return builder;
  }

  static Map<FieldClass, Allowance> all(Allowance allowance) {
    Map<FieldClass, Allowance> cells = new EnumMap<>(FieldClass.class);
    for (FieldClass fieldClass : FieldClass.values()) {
      cells.put(fieldClass, allowance);
    }
    return cells;
  }

  @Test
  void aTableMissingAPurposeIsRejectedAtBuild() {
    PolicyTable.Builder builder = PolicyTable.builder();
    for (Purpose purpose : Purpose.values()) {
      if (purpose != Purpose.INTERNAL_ADVICE && purpose != Purpose.RECTIFICATION) {
        builder.row(purpose, all(Allowance.NEVER));
      }
    }
    InvalidInputException e = assertThrows(InvalidInputException.class, builder::build);
    assertEquals("policy.rows", e.field());
    assertTrue(e.rule().contains("[INTERNAL_ADVICE, RECTIFICATION]"), e.rule());
  }

  @Test
  void anEmptyBuilderIsRejected() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> PolicyTable.builder().build());
    assertTrue(e.rule().contains(Purpose.REGULATORY_OR_CONTRACTUAL.name()), e.rule());
  }

  @Test
  void aRowMissingAClassIsRejected() {
    Map<FieldClass, Allowance> cells = all(Allowance.ALLOWED);
    cells.remove(FieldClass.DEMOGRAPHIC);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PolicyTable.builder().row(Purpose.SUBJECT_ACCESS, cells));
    assertEquals("policy.rows[SUBJECT_ACCESS]", e.field());
    assertTrue(e.rule().contains("DEMOGRAPHIC"), e.rule());
  }

  @Test
  void aPurposeGivenTwiceIsRejected() {
    PolicyTable.Builder builder = PolicyTable.builder().row(Purpose.SAFETY_RISK, all(Allowance.NEVER));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> builder.row(Purpose.SAFETY_RISK, all(Allowance.ALLOWED)));
    assertEquals("policy.rows[SAFETY_RISK]", e.field());
  }

  @Test
  void aConditionListedTwiceIsRejected() {
    assertThrows(InvalidInputException.class, () -> new PolicyRow(Purpose.SUBJECT_ACCESS,
        all(Allowance.ALLOWED), List.of(Condition.REQUESTER_IS_CLIENT, Condition.REQUESTER_IS_CLIENT)));
  }

  @Test
  void aCustomTableIsHonoured() {
    PolicyTable table = onlySubjectAccess().build();

    assertEquals(Set.of(FieldClass.values()), table.releasableClasses(Purpose.SUBJECT_ACCESS));
    assertEquals(Set.of(FieldClass.values()),
        table.narrow(Purpose.SUBJECT_ACCESS, Set.of()), "the wildcard is the whole row");
    assertEquals(Set.of(), table.releasableClasses(Purpose.SERVICE_DELIVERY));
    RefusedException widened = assertThrows(RefusedException.class,
        () -> table.narrow(Purpose.SERVICE_DELIVERY, Set.of(FieldClass.SERVICE_USE)));
    assertEquals("4", widened.clause());
    assertTrue(widened.condition().contains("SERVICE_USE"), widened.condition());
    RefusedException nothing = assertThrows(RefusedException.class,
        () -> table.narrow(Purpose.SERVICE_DELIVERY, Set.of()));
    assertEquals("4", nothing.clause());
    assertFalse(table.objectionBlocks(Purpose.INTERNAL_ADVICE), "no NO_OBJECTION condition listed");
    for (Purpose purpose : Purpose.values()) {
      assertFalse(table.coachingReleasable(purpose), "coaching is never released by default");
    }
  }

  @Test
  void theBuilderCanReproduceTheDefaultTable() {
    PolicyTable.Builder builder = PolicyTable.builder();
    PolicyTable.psuDefault().rows().forEach(builder::row);
    builder.coachingReleasable(Purpose.LEGAL_OBLIGATION, Purpose.SAFETY_RISK,
        Purpose.CRIME_OR_PUBLIC_INTEREST, Purpose.SUBJECT_ACCESS, Purpose.SERVICE_DELIVERY);
    assertEquals(PolicyTable.psuDefault(), builder.build());
  }

  @Test
  void aBuiltTableIsImmutable() {
    PolicyTable table = onlySubjectAccess().build();
    assertThrows(UnsupportedOperationException.class,
        () -> table.row(Purpose.SUBJECT_ACCESS).cells().put(FieldClass.IDENTITY, Allowance.NEVER));
    assertThrows(UnsupportedOperationException.class,
        () -> table.row(Purpose.SUBJECT_ACCESS).conditions().add(Condition.NO_OBJECTION));
    assertThrows(UnsupportedOperationException.class,
        () -> table.releasableClasses(Purpose.SUBJECT_ACCESS).remove(FieldClass.IDENTITY));
    assertThrows(UnsupportedOperationException.class, () -> table.rows().clear());
  }

  @Test
  void aRowIsACopyOfItsInputs() {
    Map<FieldClass, Allowance> cells = all(Allowance.NEVER);
    PolicyRow row = new PolicyRow(Purpose.SERVICE_DELIVERY, cells, List.of());
    cells.put(FieldClass.IDENTITY, Allowance.ALLOWED);
    assertEquals(Allowance.NEVER, row.allowance(FieldClass.IDENTITY));
  }
}
