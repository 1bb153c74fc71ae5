package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client's professional registration: the register and the number on it (class {@code
 * IDENTITY} of the Basic Record, notice 1.1).
 *
 * <p>The number is held in canonical form (ASCII upper case, no spaces) and checked against the
 * register's format, so the same registration written two ways is one value and two different
 * numbers never are. Letters outside ASCII are refused rather than folded, so no look-alike
 * character can be canonicalised into somebody else's number.
 *
 * <p>{@link #toString()} shows the register only, never the number.
 *
 * @param register the register, required
 * @param number the number on that register; spaces and letter case are normalised
 */
public record Registration(Register register, String number) {
  private static final String REGISTER_PATH = "registration.register";
  private static final String NUMBER_PATH = "registration.number";
  private static final int MAX_WRITTEN = 64;

  /**
   * A register named before the number ("GMC", "gmc:", "GMC No. ", "GPhC number"), then the
   * number, possibly with spaces. ASCII only: CASE_INSENSITIVE without UNICODE_CASE.
   */
  private static final Pattern WRITTEN =
      Pattern.compile(
          "(?:(GMC|NMC|GDC|GPHC|HCPC) *(?:NO\\.?|NUMBER|PIN)? *[:#.-]? *)?"
              + "([A-Z0-9][A-Z0-9 ]*)",
          Pattern.CASE_INSENSITIVE);

  /**
   * Validates and canonicalises.
   *
   * @throws InvalidInputException on {@code registration.register} when the register is missing,
   *     or on {@code registration.number} when the number is missing, holds anything but ASCII
   *     letters, digits and spaces, or does not have the register's format
   */
  public Registration {
    if (register == null) {
      throw new InvalidInputException(REGISTER_PATH, "is required");
    }
    number = canonical(number);
    if (!register.accepts(number)) {
      throw new InvalidInputException(NUMBER_PATH, register.formatRule());
    }
  }

  /**
   * Reads a registration as people write it: {@code "GMC 1234567"}, {@code "gmc1234567"}, {@code
   * "GMC No. 1234567"}, {@code "nmc 12a3456e"}, or a bare number such as {@code "1234567"} on the
   * default register. A register named in the text wins over the default.
   *
   * @param defaultRegister the register of a bare number, or null when the text must name one
   * @param written the registration as written
   * @return the canonical registration
   * @throws InvalidInputException naming {@code registration.number} or {@code
   *     registration.register} and the rule; the written text is never echoed
   */
  public static Registration parse(Register defaultRegister, String written) {
    if (written == null || written.isBlank()) {
      throw new InvalidInputException(NUMBER_PATH, "is required");
    }
    if (written.length() > MAX_WRITTEN) {
      throw new InvalidInputException(NUMBER_PATH, "must be at most " + MAX_WRITTEN + " characters");
    }
    Matcher m = WRITTEN.matcher(written.strip());
    if (!m.matches()) {
      throw new InvalidInputException(
          NUMBER_PATH, "must be a register number, optionally after the register (e.g. GMC)");
    }
    Register register =
        m.group(1) == null ? defaultRegister : Register.valueOf(m.group(1).toUpperCase(Locale.ROOT));
    if (register == null) {
      throw new InvalidInputException(
          REGISTER_PATH, "is required: the text names no register and there is no default");
    }
    return new Registration(register, m.group(2));
  }

  private static String canonical(String number) {
    if (number == null || number.isBlank()) {
      throw new InvalidInputException(NUMBER_PATH, "is required");
    }
    if (number.length() > MAX_WRITTEN) {
      throw new InvalidInputException(NUMBER_PATH, "must be at most " + MAX_WRITTEN + " characters");
    }
    StringBuilder canonical = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c == ' ') {
        continue;
      }
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        throw new InvalidInputException(
            NUMBER_PATH, "must hold only ASCII letters, digits and spaces");
      }
      canonical.append(c);
    }
    return canonical.toString().toUpperCase(Locale.ROOT);
  }

  /** The register only; the number is masked. */
  @Override
  public String toString() {
    return "Registration[" + Objects.toString(register) + ", ***]";
  }
}
