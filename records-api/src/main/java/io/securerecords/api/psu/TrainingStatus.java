package io.securerecords.api.psu;

/**
 * Whether a client is in postgraduate training (part of the {@code PROFESSIONAL} class of the
 * Basic Record). The policy reads it for clause 2.2 and for supervisor feedback, which apply
 * only to clients in postgraduate training.
 */
public enum TrainingStatus {
  /** In postgraduate training. */
  POSTGRADUATE_TRAINING,
  /** Not in training. */
  NOT_IN_TRAINING
}
