package io.securerecords.api.psu;

/**
 * The profession of a client (part of the {@code PROFESSIONAL} class of the Basic Record). The
 * policy reads it for the conditions of clause 2.2 (doctors) and of supervisor feedback (doctors
 * and dentists).
 */
public enum Profession {
  /** A doctor (medic), usually on the GMC register. */
  DOCTOR,
  /** A dentist, usually on the GDC register. */
  DENTIST,
  /** A nurse or midwife, usually on the NMC register. */
  NURSE,
  /** A pharmacist, usually on the GPhC register. */
  PHARMACIST,
  /** An allied health professional, usually on the HCPC register. */
  ALLIED_HEALTH,
  /** Any other healthcare professional. */
  OTHER
}
