package io.securerecords.crypto.index;

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
   * since it reveals which records share words (see {@link BlindIndex}).
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
}
