package io.securerecords.api.psu;

/**
 * The region of a trainee's programme (part of the {@code PROFESSIONAL} class of the Basic
 * Record). For programmes aligned to London and KSS responsible officers, clause 2.2 disclosures
 * go through the London and KSS Case Management and Appeals Team, and supervisor feedback
 * applies only in London and KSS.
 */
public enum ProgrammeRegion {
  /** London. */
  LONDON,
  /** Kent, Surrey and Sussex. */
  KSS,
  /** Any other region. */
  OTHER
}
