package io.securerecords.api.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.schema.FieldClass;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the PSU default policy for every purpose and every requested set of classes: a
 * token may narrow a row, never widen it; coaching casework never reaches 3.1, 3.2 or a
 * supervisor; objections (3.3) block only 3.1 and 3.2.
 */
class DisclosurePolicyProperties {

  private static final Set<Purpose> EXPLICIT_CLASSES = EnumSet.of(
      Purpose.LEGAL_OBLIGATION, Purpose.SAFETY_RISK, Purpose.CRIME_OR_PUBLIC_INTEREST);
  private static final Set<Purpose> NEVER_COACHING = EnumSet.of(
      Purpose.INTERNAL_ADVICE, Purpose.INTERNAL_TRANSFER, Purpose.SUPERVISOR_FEEDBACK);
  private static final Set<Purpose> COACHING = EnumSet.of(Purpose.LEGAL_OBLIGATION,
      Purpose.SAFETY_RISK, Purpose.CRIME_OR_PUBLIC_INTEREST, Purpose.SUBJECT_ACCESS,
      Purpose.SERVICE_DELIVERY);

  private final DisclosurePolicy policy = PolicyTable.psuDefault();

  @Provide
  Arbitrary<Set<FieldClass>> classes() {
    return Arbitraries.of(FieldClass.class).set().ofMaxSize(FieldClass.values().length);
  }

  @Property
  void narrowNeverReturnsAClassOutsideTheRow(
      @ForAll Purpose purpose, @ForAll("classes") Set<FieldClass> requested) {
    try {
      Set<FieldClass> granted = policy.narrow(purpose, requested);
      assertTrue(policy.releasableClasses(purpose).containsAll(granted),
          purpose + " granted " + granted);
      for (FieldClass fieldClass : granted) {
        assertTrue(policy.allowance(purpose, fieldClass).granted(), purpose + "/" + fieldClass);
      }
    } catch (RefusedException refused) {
      assertEquals(purpose.clause(), refused.clause());
    }
  }

  @Property
  void narrowReturnsExactlyTheRequestWhenTheRowAllowsIt(
      @ForAll Purpose purpose, @ForAll("classes") Set<FieldClass> candidates) {
    EnumSet<FieldClass> requested = EnumSet.noneOf(FieldClass.class);
    requested.addAll(candidates);
    requested.retainAll(policy.releasableClasses(purpose));
    Assume.that(!requested.isEmpty());

    Set<FieldClass> granted = policy.narrow(purpose, requested);

    assertEquals(requested, granted);
    assertEquals(granted, policy.narrow(purpose, granted), "narrowing twice changes nothing");
    assertThrows(UnsupportedOperationException.class, () -> granted.add(FieldClass.IDENTITY));
  }

  @Property
  void narrowRefusesAnyRequestThatWidensTheRow(
      @ForAll Purpose purpose, @ForAll("classes") Set<FieldClass> requested) {
    EnumSet<FieldClass> widening = EnumSet.noneOf(FieldClass.class);
    widening.addAll(requested);
    widening.removeAll(policy.releasableClasses(purpose));
    Assume.that(!widening.isEmpty());

    RefusedException refused =
        assertThrows(RefusedException.class, () -> policy.narrow(purpose, requested));

    assertEquals(purpose.clause(), refused.clause());
    assertTrue(refused.getMessage().contains("clause " + purpose.clause()), refused.getMessage());
    for (FieldClass fieldClass : widening) {
      assertTrue(refused.condition().contains(fieldClass.name()), refused.condition());
    }
  }

  @Property
  void theWildcardIsRefusedWhereClassesMustBeListedAndIsTheRowElsewhere(
      @ForAll Purpose purpose) {
    if (EXPLICIT_CLASSES.contains(purpose)) {
      RefusedException refused =
          assertThrows(RefusedException.class, () -> policy.narrow(purpose, Set.of()));
      assertEquals(purpose.clause(), refused.clause());
      assertEquals(Condition.CLASSES_LISTED_EXPLICITLY.description(), refused.condition());
    } else {
      assertEquals(policy.releasableClasses(purpose), policy.narrow(purpose, Set.of()));
    }
  }

  @Property
  void coachingCaseworkNeverReachesAdviceTransferOrSupervisor(@ForAll Purpose purpose) {
    boolean releasable = policy.coachingReleasable(purpose);
    if (NEVER_COACHING.contains(purpose)) {
      assertFalse(releasable, purpose.name());
    }
    assertEquals(COACHING.contains(purpose), releasable, purpose.name());
  }

  @Property
  void objectionsBlockOnlyInternalAdviceAndTransfer(@ForAll Purpose purpose) {
    boolean expected = purpose == Purpose.INTERNAL_ADVICE || purpose == Purpose.INTERNAL_TRANSFER;
    assertEquals(expected, policy.objectionBlocks(purpose), purpose.name());
  }

  @Property
  void aClassIsReleasableExactlyWhenItsCellGrantsIt(
      @ForAll Purpose purpose, @ForAll FieldClass fieldClass) {
    assertEquals(policy.allowance(purpose, fieldClass) != Allowance.NEVER,
        policy.releasableClasses(purpose).contains(fieldClass), purpose + "/" + fieldClass);
  }
}
