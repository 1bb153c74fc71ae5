package io.securerecords.api.index;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.psu.Registration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

/**
 * The kind of value an index field holds, which fixes how it is normalised before it is blinded
 * (see {@link Normaliser}) and what a caller passes for it.
 */
public enum IndexKind {
  /**
   * A person's or organisation's name, or any other one-line text (a career grade, an employer):
   * Unicode NFKC, full case folding, one space between words, optionally accents folded. Takes a
   * {@code String}.
   */
  NAME,
  /**
   * A professional registration: one canonical form {@code REGISTER:NUMBER}. Takes a {@link
   * io.securerecords.api.psu.Registration}, or a {@code String} that names its register.
   */
  REGISTER_NUMBER,
  /** An email address, compared without regard to case. Takes a {@code String}. */
  EMAIL,
  /**
   * A team or service code: trimmed and upper-cased. Takes a {@code String} or an enum constant
   * such as {@link io.securerecords.api.psu.Team}, whose name is the code.
   */
  CODE,
  /**
   * A date, of which only the month ({@code YYYY-MM}) is indexed. Takes a {@link
   * java.time.LocalDate} or a {@link java.time.YearMonth}. Only one field per index.
   */
  MONTH,
  /**
   * The words of a free text (e.g. {@code CASE_SUMMARY}): one term per distinct word, stop words
   * dropped. A record passes the whole text, a query one word. Only one field per index; opt in,
   * since it reveals which records share words (see records-crypto's {@code BlindIndex}).
   */
  KEYWORD;

  /** Whether an index of this kind must cover exactly one field. */
  boolean singleField() {
    return this == MONTH || this == KEYWORD;
  }

  /** Whether accent folding changes how values of this kind are normalised. */
  boolean foldsAccents() {
    return this == NAME || this == KEYWORD;
  }

  /**
   * Normalises a raw value of a type this kind takes (see each constant).
   *
   * @throws InvalidInputException naming the kind if the value is null, of another type, or invalid
   */
  String normalise(boolean foldAccents, Object value) {
    if (value == null) {
      throw new InvalidInputException(name().toLowerCase(Locale.ROOT), "is required");
    }
    return switch (this) {
      case NAME -> Normaliser.name(asText(this, value), foldAccents);
      case REGISTER_NUMBER -> value instanceof Registration r
          ? Normaliser.registration(r)
          : Normaliser.registration(null, asText(this, value));
      case EMAIL -> Normaliser.email(asText(this, value));
      case CODE -> value instanceof Enum<?> e ? Normaliser.code(e) : Normaliser.code(asText(this, value));
      case MONTH -> {
        if (value instanceof LocalDate d) {
          yield Normaliser.month(d);
        }
        if (value instanceof YearMonth m) {
          yield Normaliser.month(m);
        }
        throw wrongType(this, "a LocalDate or YearMonth");
      }
      case KEYWORD -> Normaliser.keyword(asText(this, value), foldAccents);
    };
  }

  private static String asText(IndexKind kind, Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    throw wrongType(
        kind,
        switch (kind) {
          case REGISTER_NUMBER -> "a Registration or a String naming its register";
          case CODE -> "a String or an enum constant";
          default -> "a String";
        });
  }

  private static InvalidInputException wrongType(IndexKind kind, String expected) {
    return new InvalidInputException(
        kind.name().toLowerCase(Locale.ROOT), "a " + kind + " value must be " + expected);
  }
}
