package io.securerecords.api.policy;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.schema.FieldClass;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who may see what: the disclosure table of a unit's confidentiality notice (for the PSU, clauses
 * 2 to 6), as data the release path reads. Pluggable, so another unit can supply its own table;
 * {@link PolicyTable#psuDefault()} is the PSU's.
 *
 * <p>A policy answers questions about purposes and field classes only. The conditions of a row
 * ({@link PolicyRow#conditions()}) depend on facts about the client, the requester and the
 * casework (training region, recorded supervisor, objections, acknowledgements) and are checked by
 * the caller when the data is released, not only when a token is made: consent withdrawn or an
 * objection raised in between stops the release.
 *
 * <p>Implementations must be immutable and thread-safe. The default methods derive everything
 * from {@link #row(Purpose)}; an implementation should not override {@link #narrow} to widen a
 * row.
 */
public interface DisclosurePolicy {

  /**
   * The row of the table for a purpose.
   *
   * @return the row; never null, every purpose has one
   * @throws NullPointerException if {@code purpose} is null
   */
  PolicyRow row(Purpose purpose);

  /**
   * Whether casework of the Coaching team may be released for a purpose at all. The notice
   * (2, paragraph after 2.5) keeps "coaching conversations" confidential outside 2.3 to 2.5; the
   * PSU policy also releases them to the client (6) and to the coaching team itself under {@link
   * Purpose#SERVICE_DELIVERY} (4). That last restriction is the row's {@link
   * Condition#OWN_TEAM_CASEWORK_ONLY}, which the caller checks; this method answers only for the
   * purpose. For the PSU, never true for 3.1, 3.2 or supervisor feedback, whatever a token says.
   *
   * @throws NullPointerException if {@code purpose} is null
   */
  boolean coachingReleasable(Purpose purpose);

  /**
   * The allowance of one cell of the table.
   *
   * @throws NullPointerException if an argument is null
   */
  default Allowance allowance(Purpose purpose, FieldClass fieldClass) {
    return row(purpose).allowance(fieldClass);
  }

  /**
   * The classes a purpose grants in any form (every cell other than {@link Allowance#NEVER}); an
   * unmodifiable set. The allowance of each says in which form (e.g. pseudonymised, aggregates).
   *
   * @throws NullPointerException if {@code purpose} is null
   */
  default Set<FieldClass> releasableClasses(Purpose purpose) {
    return row(purpose).releasableClasses();
  }

  /**
   * Whether a client's objection to the internal sharing of an aspect of a casework record (3.3)
   * blocks a purpose for that aspect: true exactly where the row lists {@link
   * Condition#NO_OBJECTION}. For the PSU that is 3.1 and 3.2 only; an objection does not block 2.3
   * to 2.5 or subject access.
   *
   * @throws NullPointerException if {@code purpose} is null
   */
  default boolean objectionBlocks(Purpose purpose) {
    return row(purpose).requires(Condition.NO_OBJECTION);
  }

  /**
   * Narrows a requested set of classes to what the purpose's row allows: a token may narrow a row,
   * never widen it ("Who may see what").
   *
   * <p>A non-empty request is returned unchanged when the row grants every class in it. An empty
   * request is the wildcard "whatever the row allows" and returns {@link #releasableClasses}, except
   * where the row requires {@link Condition#CLASSES_LISTED_EXPLICITLY} (2.3 to 2.5), which refuses
   * it. Conditions other than that one are not checked here.
   *
   * @param purpose the purpose the request relies on
   * @param requested the classes requested; empty for the wildcard
   * @return the classes that may be released, an unmodifiable subset of {@link
   *     #releasableClasses(Purpose)}
   * @throws RefusedException with the purpose's {@link Purpose#clause()} if the request names a
   *     class the row does not grant, or is a wildcard where classes must be listed explicitly, or
   *     the row grants nothing
   * @throws NullPointerException if an argument is null or {@code requested} contains null
   */
  default Set<FieldClass> narrow(Purpose purpose, Set<FieldClass> requested) {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(requested, "requested");
    PolicyRow row = row(purpose);
    Set<FieldClass> allowed = row.releasableClasses();
    if (requested.isEmpty()) {
      if (row.requires(Condition.CLASSES_LISTED_EXPLICITLY)) {
        throw new RefusedException(purpose.clause(),
            Condition.CLASSES_LISTED_EXPLICITLY.description());
      }
      if (allowed.isEmpty()) {
        throw new RefusedException(purpose.clause(), "the policy releases no field class for "
            + purpose);
      }
      return allowed;
    }
    EnumSet<FieldClass> copy = EnumSet.copyOf(requested);
    EnumSet<FieldClass> widening = EnumSet.copyOf(copy);
    widening.removeAll(allowed);
    if (!widening.isEmpty()) {
      throw new RefusedException(purpose.clause(), "the policy does not release " + widening
          + " for " + purpose + " (a token may narrow a row, never widen it)");
    }
    return Collections.unmodifiableSet(copy);
  }
}
