package io.securerecords.api.index;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Real-world ways of writing one value normalise to one string; different values stay apart. */
class NormaliserTest {

  private static String name(String s) {
    return Normaliser.name(s, false);
  }

  private static String folded(String s) {
    return Normaliser.name(s, true);
  }

  @Nested
  class Names {
    @Test
    void caseSpacesAndCompatibilityCharactersAreOneName() {
      String expected = "ann smith";
      assertAll(
          () -> assertEquals(expected, name("Ann Smith")),
          () -> assertEquals(expected, name("  ANN   smith ")),
          () -> assertEquals(expected, name("ann\tsmith\n")),
          () -> assertEquals(expected, name("Ann\u00A0Smith")), // no-break space
          () -> assertEquals(expected, name("Ann\u3000Smith")), // ideographic space
          () -> assertEquals(expected, name("\uFF21\uFF4E\uFF4E \uFF33\uFF4D\uFF49\uFF54\uFF48")), // full width
          () -> assertEquals(expected, name("Ann Smi\u00ADth")), // soft hyphen from a web form
          () -> assertEquals(expected, name("Ann\u200B Smith\uFEFF"))); // zero-width space, BOM
    }

    @Test
    void fullCaseFoldingAndLigatures() {
      assertAll(
          () -> assertEquals("strasse", name("Straße")),
          () -> assertEquals(name("Straße"), name("STRASSE")),
          // Capital sharp s folds like the small one, and folding twice changes nothing.
          () -> assertEquals("strasse", name("STRA\u1E9EE")),
          () -> assertEquals(name("\u1E9E"), name(name("\u1E9E"))),
          () -> assertEquals(name("Griffith"), name("Gri\uFB03th")), // "ffi" ligature
          () -> assertEquals(name("ΟΔΥΣΣΕΑΣ"), name("οδυσσεας")));
    }

    @Test
    void apostropheAndDashVariantsAreUnified() {
      assertAll(
          () -> assertEquals("o'brien", name("O\u2019Brien")),
          () -> assertEquals(name("O'Brien"), name("o\u02BCbrien")),
          () -> assertEquals(name("Smith-Jones"), name("Smith\u2010Jones")),
          () -> assertEquals(name("Smith-Jones"), name("Smith\u2013Jones")));
    }

    @Test
    void accentsFoldOnlyWhenAskedTo() {
      assertAll(
          () -> assertNotEquals(name("Zoë"), name("Zoe")),
          () -> assertEquals(folded("Zoë"), folded("Zoe")),
          () -> assertEquals("zoe", folded("ZOË")),
          () -> assertEquals(folded("José"), folded("Jose")),
          () -> assertEquals(folded("Łukasz"), folded("Lukasz")),
          () -> assertEquals(folded("Søren"), folded("Soren")),
          () -> assertEquals("aelfgifu", folded("Ælfgifu")));
    }

    @Test
    void composedAndDecomposedAccentsAreOneNameEvenWithoutFolding() {
      assertEquals(name("Zo\u00EB"), name("Zoe\u0308"));
    }

    @Test
    void differentNamesStayDistinct() {
      assertAll(
          () -> assertNotEquals(name("Ann"), name("Anne")),
          () -> assertNotEquals(folded("Ann"), folded("Anne")),
          () -> assertNotEquals(name("McDonald"), name("Mc Donald")),
          () -> assertNotEquals(name("Smith-Jones"), name("Smith Jones")),
          () -> assertNotEquals(name("Jon"), name("John")));
    }

    @Test
    void aBlankNameIsRefusedWithoutEchoingIt() {
      var e = assertThrows(InvalidInputException.class, () -> name(" \u200B\u00A0 "));
      assertEquals("name", e.field());
      assertThrows(InvalidInputException.class, () -> name(null));
    }
  }

  @Nested
  class RegisterNumbers {
    @Test
    void writtenFormsOfOneGmcNumberAreOneValue() {
      String expected = "GMC:1234567";
      assertAll(
          () -> assertEquals(expected, Normaliser.registration(null, "GMC 1234567")),
          () -> assertEquals(expected, Normaliser.registration(null, "gmc1234567")),
          () -> assertEquals(expected, Normaliser.registration(Register.GMC, "1234567")),
          () -> assertEquals(expected, Normaliser.registration(Register.GMC, " 123 4567 ")),
          () -> assertEquals(expected, Normaliser.registration(null, "GMC No. 1234567")),
          () -> assertEquals(expected, Normaliser.registration(new Registration(Register.GMC, "1234567"))));
    }

    @Test
    void nmcPinsAreCanonicalised() {
      String expected = "NMC:12A3456E";
      assertAll(
          () -> assertEquals(expected, Normaliser.registration(null, "NMC 12A3456E")),
          () -> assertEquals(expected, Normaliser.registration(null, "nmc pin 12a3456e")),
          () -> assertEquals(expected, Normaliser.registration(Register.NMC, "12 A 3456 E")));
    }

    @Test
    void differentNumbersAndRegistersStayDistinct() {
      assertAll(
          () -> assertNotEquals(
              Normaliser.registration(null, "GMC 1234567"), Normaliser.registration(null, "GMC 1234568")),
          () -> assertNotEquals(
              Normaliser.registration(null, "GMC 1234567"), Normaliser.registration(null, "GPhC 1234567")),
          () -> assertEquals("GPHC:1234567", Normaliser.registration(null, "GPhC 1234567")));
    }

    @Test
    void aNamedRegisterWinsOverTheDefault() {
      assertEquals("NMC:12A3456E", Normaliser.registration(Register.GMC, "NMC 12A3456E"));
    }

    @Test
    void malformedOrUnplacedNumbersAreRefused() {
      assertThrows(InvalidInputException.class, () -> Normaliser.registration(null, "GMC 123456"));
      assertThrows(InvalidInputException.class, () -> Normaliser.registration(null, "1234567"));
      var e = assertThrows(
          InvalidInputException.class, () -> Normaliser.registration(Register.GMC, "\uFF11234567"));
      assertFalse(e.getMessage().contains("234567"), e.getMessage());
    }
  }

  @Nested
  class Emails {
    @Test
    void emailsCompareWithoutCase() {
      assertAll(
          () -> assertEquals("ann.smith@nhs.net", Normaliser.email(" Ann.Smith@NHS.net ")),
          () -> assertEquals(Normaliser.email("ANN.SMITH@NHS.NET"), Normaliser.email("ann.smith@nhs.net")),
          () -> assertEquals(Normaliser.email("ann.smith@nhs.net"), Normaliser.email("ann.smith\uFF20nhs.net")));
    }

    @Test
    void differentAddressesStayDistinct() {
      assertNotEquals(Normaliser.email("ann.smith@nhs.net"), Normaliser.email("ann.smyth@nhs.net"));
      assertNotEquals(Normaliser.email("ann.smith@nhs.net"), Normaliser.email("ann.smith@nhs.uk"));
    }

    @Test
    void thingsThatAreNotAddressesAreRefused() {
      for (String bad : List.of("annsmith", "@nhs.net", "ann@", "ann smith@nhs.net", " ")) {
        var e = assertThrows(InvalidInputException.class, () -> Normaliser.email(bad), bad);
        assertEquals("email", e.field());
      }
    }
  }

  @Nested
  class Codes {
    @Test
    void codesAreTrimmedAndUpperCased() {
      assertAll(
          () -> assertEquals("IST", Normaliser.code(" ist ")),
          () -> assertEquals("IST", Normaliser.code(Team.IST)),
          () -> assertEquals("IST", Normaliser.code("\uFF29\uFF33\uFF34")),
          () -> assertEquals("ST 3", Normaliser.code("st   3")));
    }

    @Test
    void differentCodesStayDistinct() {
      assertNotEquals(Normaliser.code(Team.IST), Normaliser.code(Team.SPOC));
      assertThrows(InvalidInputException.class, () -> Normaliser.code("  "));
    }
  }

  @Nested
  class Months {
    @Test
    void aDateIsItsMonth() {
      assertEquals("2026-03", Normaliser.month(LocalDate.of(2026, 3, 1)));
      assertEquals("2026-03", Normaliser.month(LocalDate.of(2026, 3, 31)));
      assertNotEquals(Normaliser.month(LocalDate.of(2026, 3, 31)), Normaliser.month(LocalDate.of(2026, 4, 1)));
    }

    @Test
    void aRangeCrossesTheYear() {
      assertEquals(
          List.of("2025-11", "2025-12", "2026-01", "2026-02"),
          Normaliser.months(YearMonth.of(2025, 11), YearMonth.of(2026, 2)));
      assertEquals(List.of("2026-03"), Normaliser.months(YearMonth.of(2026, 3), YearMonth.of(2026, 3)));
    }

    @Test
    void aRangeIsCappedAtTenYears() {
      YearMonth from = YearMonth.of(2020, 1);
      assertEquals(120, Normaliser.months(from, from.plusMonths(119)).size());
      var e = assertThrows(InvalidInputException.class, () -> Normaliser.months(from, from.plusMonths(120)));
      assertEquals("month", e.field());
    }

    @Test
    void aBackwardsRangeIsRefused() {
      assertThrows(
          InvalidInputException.class,
          () -> Normaliser.months(YearMonth.of(2026, 1), YearMonth.of(2025, 12)));
    }
  }

  @Nested
  class Keywords {
    @Test
    void wordsAreFoldedDistinctAndStopWordsDropped() {
      assertEquals(
          List.of("client", "gp", "referred", "ist", "follow", "up", "march", "2026"),
          Normaliser.keywords(
              "The client's GP referred them to the IST; gp follow-up in MARCH 2026.", false));
    }

    @Test
    void compatibilityFormsAndAccentsFollowTheSetting() {
      assertEquals(List.of("cafe"), Normaliser.keywords("Café CAFÉ cafe", true));
      assertEquals(List.of("café", "cafe"), Normaliser.keywords("Café CAFÉ cafe", false));
      assertEquals(List.of("strasse"), Normaliser.keywords("STRAßE", false));
    }

    @Test
    void aTextOfStopWordsHasNoWords() {
      assertEquals(List.of(), Normaliser.keywords("It is what it is, and that was that.", false));
      assertEquals(List.of(), Normaliser.keywords(null, false));
    }

    @Test
    void aQueryIsExactlyOneSearchableWord() {
      assertEquals("gp", Normaliser.keyword("  GP. ", false));
      assertThrows(InvalidInputException.class, () -> Normaliser.keyword("the", false));
      assertThrows(InvalidInputException.class, () -> Normaliser.keyword("two words", false));
      assertThrows(InvalidInputException.class, () -> Normaliser.keyword("!", false));
    }
  }
}
