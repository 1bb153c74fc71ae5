package io.securerecords.api.psu;

import java.util.regex.Pattern;

/**
 * A UK professional register and the format of its numbers. A register number identifies a
 * client (class {@code IDENTITY}); it is held only inside a {@link Registration}, which checks it
 * against this format.
 *
 * <p>Formats, in canonical form (upper case, no spaces): GMC 7 digits; NMC PIN 2 digits, a
 * letter, 4 digits and a letter (e.g. {@code 12A3456E}); GDC 1 to 6 digits; GPhC 7 digits; HCPC 2
 * letters and 4 to 6 digits (e.g. {@code PA12345}).
 */
public enum Register {
  /** General Medical Council (doctors). */
  GMC("GMC", "General Medical Council", "[0-9]{7}", "GMC numbers are 7 digits"),
  /** Nursing and Midwifery Council (nurses, midwives, nursing associates). */
  NMC(
      "NMC",
      "Nursing and Midwifery Council",
      "[0-9]{2}[A-Z][0-9]{4}[A-Z]",
      "NMC PINs are 2 digits, a letter, 4 digits and a letter"),
  /** General Dental Council (dentists and dental care professionals). */
  GDC("GDC", "General Dental Council", "[0-9]{1,6}", "GDC numbers are 1 to 6 digits"),
  /** General Pharmaceutical Council (pharmacists, pharmacy technicians). */
  GPHC("GPhC", "General Pharmaceutical Council", "[0-9]{7}", "GPhC numbers are 7 digits"),
  /** Health and Care Professions Council (allied health professions). */
  HCPC(
      "HCPC",
      "Health and Care Professions Council",
      "[A-Z]{2}[0-9]{4,6}",
      "HCPC numbers are 2 letters and 4 to 6 digits");

  private final String abbreviation;
  private final String council;
  private final Pattern format;
  private final String formatRule;

  Register(String abbreviation, String council, String format, String formatRule) {
    this.abbreviation = abbreviation;
    this.council = council;
    this.format = Pattern.compile(format);
    this.formatRule = formatRule;
  }

  /** The register's usual abbreviation, e.g. {@code GPhC}. */
  public String abbreviation() {
    return abbreviation;
  }

  /** The full name of the council that keeps the register. */
  public String council() {
    return council;
  }

  /**
   * Whether a number in canonical form (upper case, no spaces) has this register's format. It
   * says nothing about whether the number is actually on the register.
   */
  public boolean accepts(String canonicalNumber) {
    return canonicalNumber != null && format.matcher(canonicalNumber).matches();
  }

  /** The format rule, phrased without any number, for error messages. */
  String formatRule() {
    return formatRule;
  }
}
