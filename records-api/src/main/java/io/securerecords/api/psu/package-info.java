/**
 * The PSU record types of the confidentiality notice: the {@link
 * io.securerecords.api.psu.BasicRecord} (clause 1.1) and one {@link
 * io.securerecords.api.psu.CaseworkRecord} per service received (clause 1.2), with their
 * schemas in {@link io.securerecords.api.psu.PsuSchemas}.
 *
 * <p>Every type here validates its input in its constructor and fails with {@link
 * io.securerecords.api.error.InvalidInputException} naming the field path and the rule, never
 * the rejected value. Every type that holds personal data prints only its type and
 * non-personal facts (team, counts) from {@code toString()}, so a value that reaches a log line
 * or an exception message by accident discloses nothing.
 */
package io.securerecords.api.psu;
