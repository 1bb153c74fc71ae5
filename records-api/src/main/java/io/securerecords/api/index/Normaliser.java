package io.securerecords.api.index;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one normal form of each {@link IndexKind} of value: two inputs that mean the same value give
 * the same string, so they give the same blind term. Normalising more than strictly necessary is
 * safe (it only adds false positives, which are removed after decryption); normalising less loses
 * matches, so the rules lean towards folding.
 *
 * <p>The strings returned are personal data: never log them.
 *
 * <p>Exceptions are {@link InvalidInputException}s naming the kind of value and the rule, never
 * the value.
 */
public final class Normaliser {
  /** The most months one range may cover: ten years. */
  public static final int MAX_MONTHS = 120;

  /** A small list of English words too common to search for. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
          "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
          "have", "he", "her", "him", "his", "i", "if", "in", "into", "is", "it", "its", "me",
          "my", "of", "on", "or", "our", "s", "she", "so", "than", "that", "the", "their", "them",
          "then", "there", "these", "they", "this", "those", "to", "us", "was", "we", "were",
          "what", "when", "which", "who", "will", "with", "would", "you", "your");

  private static final Pattern FORMAT_CHARS = Pattern.compile("\\p{Cf}+");
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern APOSTROPHES = Pattern.compile("[\\u2018\\u2019\\u201B\\u02BC\\u0060\\u00B4\\u2032]");
  private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63]");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

  private Normaliser() {}

  /**
   * A name (or other one-line text): Unicode NFKC (full-width and other compatibility letters
   * become ordinary ones), invisible format characters such as soft hyphens and zero-width spaces
   * removed, apostrophe and dash variants unified, full case folding ("ß" and "SS" both become
   * "ss"), white space collapsed to single spaces and trimmed.
   *
   * <p>With {@code foldAccents}, combining marks are removed after canonical decomposition ("Zoë"
   * becomes "zoe", "José" becomes "jose") and a few letters with no decomposition are spelt out
   * ("ø" as "o", "ł" as "l", "æ" as "ae", "œ" as "oe", "đ" as "d"). Without it, "Zoë" and "Zoe"
   * stay distinct. Spelling is never corrected: "Ann" and "Anne" are different names.
   *
   * @throws InvalidInputException on {@code name} if the value is null or blank
   */
  public static String name(String name, boolean foldAccents) {
    String s = text("name", name);
    s = APOSTROPHES.matcher(s).replaceAll("'");
    s = DASHES.matcher(s).replaceAll("-");
    s = foldCase(s);
    if (foldAccents) {
      s = foldAccents(s);
    }
    return nonBlank("name", SPACES.matcher(s).replaceAll(" ").strip());
  }

  /**
   * A registration in its one canonical form, {@code REGISTER:NUMBER} with the register's constant
   * name (e.g. {@code GMC:1234567}, {@code NMC:12A3456E}, {@code GPHC:2012345}). {@link
   * Registration} has already upper-cased the number and removed its spaces.
   *
   * @throws InvalidInputException on {@code registration} if it is null
   */
  public static String registration(Registration registration) {
    if (registration == null) {
      throw new InvalidInputException("registration", "is required");
    }
    return registration.register().name() + ":" + registration.number();
  }

  /**
   * A registration as people write it, read with {@link Registration#parse}: "GMC 1234567",
   * "gmc1234567" and "1234567" with default register GMC are all {@code GMC:1234567}.
   *
   * @param defaultRegister the register of a bare number, or null if the text must name one
   * @throws InvalidInputException as {@link Registration#parse} does
   */
  public static String registration(Register defaultRegister, String written) {
    return registration(Registration.parse(defaultRegister, written));
  }

  /**
   * An email address, compared without regard to case: NFKC, trimmed, the whole address
   * lower-cased. Mail systems may treat the local part's case as significant; people do not, and
   * an extra match is removed after decryption anyway.
   *
   * @throws InvalidInputException on {@code email} if blank, holding white space, or without an
   *     '@' between a local part and a domain
   */
  public static String email(String email) {
    String s = text("email", email).strip().toLowerCase(Locale.ROOT);
    int at = s.lastIndexOf('@');
    if (at <= 0 || at == s.length() - 1) {
      throw new InvalidInputException("email", "must be a local part, '@' and a domain");
    }
    if (SPACES.matcher(s).find()) {
      throw new InvalidInputException("email", "must not hold white space");
    }
    return s;
  }

  /**
   * A team or service code: NFKC, trimmed, white space collapsed, upper case ("ist " is {@code
   * IST}).
   *
   * @throws InvalidInputException on {@code code} if null or blank
   */
  public static String code(String code) {
    String s = text("code", code).toUpperCase(Locale.ROOT);
    return nonBlank("code", SPACES.matcher(s).replaceAll(" ").strip());
  }

  /** An enum constant used as a code, such as {@link io.securerecords.api.psu.Team#IST}: its name. */
  public static String code(Enum<?> code) {
    if (code == null) {
      throw new InvalidInputException("code", "is required");
    }
    return code(code.name());
  }

  /**
   * The month of a date, {@code YYYY-MM}: nothing finer than the month is indexed.
   *
   * @throws InvalidInputException on {@code month} if null
   */
  public static String month(LocalDate date) {
    if (date == null) {
      throw new InvalidInputException("month", "is required");
    }
    return month(YearMonth.from(date));
  }

  /** A month, {@code YYYY-MM}. */
  public static String month(YearMonth month) {
    if (month == null) {
      throw new InvalidInputException("month", "is required");
    }
    return month.toString();
  }

  /**
   * Every month from {@code from} to {@code to}, both included, in order.
   *
   * @throws InvalidInputException on {@code month} if either end is missing, {@code to} is before
   *     {@code from}, or the range covers more than {@link #MAX_MONTHS} months
   */
  public static List<String> months(YearMonth from, YearMonth to) {
    if (from == null || to == null) {
      throw new InvalidInputException("month", "a range needs both ends");
    }
    long count = ChronoUnit.MONTHS.between(from, to) + 1;
    if (count < 1) {
      throw new InvalidInputException("month", "a range must not end before it starts");
    }
    if (count > MAX_MONTHS) {
      throw new InvalidInputException("month", "a range covers at most " + MAX_MONTHS + " months");
    }
    List<String> months = new ArrayList<>((int) count);
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      months.add(month(m));
    }
    return List.copyOf(months);
  }

  /**
   * The distinct searchable words of a free text, in order of first appearance: NFKC, format
   * characters removed, full case folding, optionally accents folded (as {@link #name}), then every
   * run of Unicode letters, marks and digits is a word ("don't" is "don" and "t", "e-mail" is "e"
   * and "mail"), and words in a small English stop-word list ("the", "and", "of", ...) are
   * dropped. A null or empty text has no words.
   */
  public static List<String> keywords(String text, boolean foldAccents) {
    if (text == null) {
      return List.of();
    }
    String s = foldCase(FORMAT_CHARS.matcher(nfkc(text)).replaceAll(""));
    if (foldAccents) {
      s = foldAccents(s);
    }
    Set<String> words = new LinkedHashSet<>();
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      String word = m.group();
      if (!STOP_WORDS.contains(word)) {
        words.add(word);
      }
    }
    return List.copyOf(words);
  }

  /**
   * One word to search a keyword index for, normalised as {@link #keywords} does.
   *
   * @throws InvalidInputException on {@code keyword} unless the text holds exactly one word that
   *     is not a stop word
   */
  public static String keyword(String word, boolean foldAccents) {
    List<String> words = keywords(word, foldAccents);
    if (words.size() != 1) {
      throw new InvalidInputException(
          "keyword", "must be exactly one word that is not a stop word (search several with AND/OR)");
    }
    return words.get(0);
  }

  /**
   * NFKC with invisible format characters removed; refuses null, and unpaired surrogates, which
   * UTF-8 would encode as one '?' and so blind two different values alike.
   */
  private static String text(String what, String value) {
    if (value == null) {
      throw new InvalidInputException(what, "is required");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(what, "must be well-formed Unicode text");
      }
    }
    return FORMAT_CHARS.matcher(nfkc(value)).replaceAll("");
  }

  private static String nonBlank(String what, String normalised) {
    if (normalised.isEmpty()) {
      throw new InvalidInputException(what, "must not be blank");
    }
    return normalised;
  }

  private static String nfkc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFKC);
  }

  /**
   * Full case folding, approximated by upper-casing then lower-casing in the root locale: this
   * folds "ß" to "ss" and the final sigma with the other, which lower-casing alone does not. The
   * result is NFKC again because case mapping can leave decomposed sequences.
   */
  private static String foldCase(String s) {
    // Lower first, so a capital sharp s (U+1E9E) reaches "ss" too, and repeat until stable:
    // folding a folded value must change nothing, or one name would have two terms.
    String folded = s;
    for (int i = 0; i < 4; i++) {
      String next = nfkc(folded.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT)
          .toLowerCase(Locale.ROOT));
      if (next.equals(folded)) {
        break;
      }
      folded = next;
    }
    return folded;
  }

  private static String foldAccents(String folded) {
    String s = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case 'ø' -> out.append('o');
        case 'ł' -> out.append('l');
        case 'đ' -> out.append('d');
        case 'ħ' -> out.append('h');
        case 'ı' -> out.append('i');
        case 'æ' -> out.append("ae");
        case 'œ' -> out.append("oe");
        default -> out.append(c);
      }
    }
    return nfkc(out.toString());
  }
}
