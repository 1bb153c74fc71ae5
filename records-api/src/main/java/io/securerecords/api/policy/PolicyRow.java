package io.securerecords.api.policy;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.schema.FieldClass;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the disclosure table ("Who may see what", clauses 2 to 6 of the notice): what each
 * {@link FieldClass} may be released for one {@link Purpose}, and the conditions that must hold at
 * release time.
 *
 * <p>Immutable. The constructor copies its arguments and rejects, with an {@link
 * InvalidInputException} naming the purpose, a row that leaves any field class out (a missing cell
 * would otherwise read as "allowed" to one caller and "never" to another), contains a null, or names
 * a condition twice.
 *
 * @param purpose the purpose this row governs
 * @param cells the allowance of every field class; all eight classes must be present
 * @param conditions the conditions of the row, in the order the policy document lists them
 */
public record PolicyRow(Purpose purpose, Map<FieldClass, Allowance> cells, List<Condition> conditions) {

  /**
   * Validates and copies the row.
   *
   * @throws InvalidInputException if a class is missing, a value is null or a condition repeats
   * @throws NullPointerException if an argument is null
   */
  public PolicyRow {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(cells, "cells");
    Objects.requireNonNull(conditions, "conditions");
    String where = "policy.rows[" + purpose + "]";
    EnumMap<FieldClass, Allowance> copy = new EnumMap<>(FieldClass.class);
    for (Map.Entry<FieldClass, Allowance> cell : cells.entrySet()) {
      if (cell.getKey() == null || cell.getValue() == null) {
        throw new InvalidInputException(where, "a cell has a null class or allowance");
      }
      copy.put(cell.getKey(), cell.getValue());
    }
    EnumSet<FieldClass> missing = EnumSet.allOf(FieldClass.class);
    missing.removeAll(copy.keySet());
    if (!missing.isEmpty()) {
      throw new InvalidInputException(where, "every field class needs a cell; missing " + missing);
    }
    // List.copyOf rejects nulls; a repeated condition is a typo in the table.
    List<Condition> conditionsCopy = List.copyOf(conditions);
    if (new HashSet<>(conditionsCopy).size() != conditionsCopy.size()) {
      throw new InvalidInputException(where, "a condition is listed twice");
    }
    cells = Collections.unmodifiableMap(copy);
    conditions = conditionsCopy;
  }

  /** The allowance of one field class in this row; never null. */
  public Allowance allowance(FieldClass fieldClass) {
    return cells.get(Objects.requireNonNull(fieldClass, "fieldClass"));
  }

  /**
   * The classes this row grants in any form (every cell other than {@link Allowance#NEVER}),
   * as an unmodifiable set in {@link FieldClass} order.
   */
  public Set<FieldClass> releasableClasses() {
    EnumSet<FieldClass> granted = EnumSet.noneOf(FieldClass.class);
    cells.forEach((fieldClass, allowance) -> {
      if (allowance.granted()) {
        granted.add(fieldClass);
      }
    });
    return Collections.unmodifiableSet(granted);
  }

  /** Whether this row lists the given condition. */
  public boolean requires(Condition condition) {
    return conditions.contains(Objects.requireNonNull(condition, "condition"));
  }
}
