/**
 * The disclosure policy as data: purposes ({@link io.securerecords.api.policy.Purpose}), the
 * "Who may see what" table of the notice (clauses 2 to 6) as {@link
 * io.securerecords.api.policy.PolicyRow rows} of {@link io.securerecords.api.policy.Allowance
 * allowances} and {@link io.securerecords.api.policy.Condition conditions}, and the pluggable
 * {@link io.securerecords.api.policy.DisclosurePolicy} with the PSU's default {@link
 * io.securerecords.api.policy.PolicyTable#psuDefault() table}. A token may narrow a row, never
 * widen it.
 */
package io.securerecords.api.policy;
