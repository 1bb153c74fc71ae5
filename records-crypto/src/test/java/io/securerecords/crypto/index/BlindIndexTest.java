package io.securerecords.crypto.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.KeyUnavailableException;
import io.securerecords.api.index.IndexField;
import io.securerecords.api.index.IndexKind;
import io.securerecords.api.index.IndexSpec;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import io.securerecords.api.store.IndexTerm;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Terms of one value agree, terms of different values and indexes do not, and truncation is exact. */
class BlindIndexTest {
  private static final KeysetHandle KEY = BlindIndex.generateKeyset();

  private static BlindIndex index(IndexSpec spec) {
    return BlindIndex.create(spec, KEY);
  }

  private static final BlindIndex SURNAME_EMPLOYER = index(
      IndexSpec.compound("client.surname-employer", 256, IndexField.name("surname"), IndexField.name("employer")));

  @Test
  void writtenFormsOfOneRegistrationHaveOneTerm() {
    BlindIndex gmc = index(IndexSpec.of("client.registration", IndexKind.REGISTER_NUMBER, "registration", 16));
    IndexTerm expected = gmc.term(new Registration(Register.GMC, "1234567"));
    assertEquals(expected, gmc.term("GMC 1234567"));
    assertEquals(expected, gmc.term("gmc1234567"));
    assertEquals(expected, gmc.term(Registration.parse(Register.GMC, "1234567")));
    assertNotEquals(expected, gmc.term("GMC 1234568"));
  }

  @Test
  void compoundValuesDoNotCollideWhenCharactersShiftBetweenFields() {
    assertNotEquals(SURNAME_EMPLOYER.term("ab", "c"), SURNAME_EMPLOYER.term("a", "bc"));
    assertNotEquals(SURNAME_EMPLOYER.term("smith", "nhs trust"), SURNAME_EMPLOYER.term("smith nhs", "trust"));
    assertNotEquals(SURNAME_EMPLOYER.term("smith", "jones"), SURNAME_EMPLOYER.term("jones", "smith"));
    assertEquals(SURNAME_EMPLOYER.term("Smith", "Leeds  NHS"), SURNAME_EMPLOYER.term("SMITH", "leeds nhs"));
  }

  @Test
  void compoundValuesDoNotCollideEvenWhenAValueSpellsAFieldTag() {
    BlindIndex codes = index(
        IndexSpec.compound("casework.codes", 256, IndexField.code("team"), IndexField.code("service")));
    // Separating fields by their kind's name alone would encode both as "CODE" "A" "CODE" "CODEB".
    assertNotEquals(codes.term("A", "CODEB"), codes.term("ACODE", "B"));
  }

  @Test
  void aCompoundTermIsNotTheTermOfAnySingleField() {
    BlindIndex teamGrade = index(
        IndexSpec.compound("casework.team-grade", 256, IndexField.code("team"), IndexField.name("grade")));
    BlindIndex team = index(IndexSpec.of("casework.team-grade", IndexKind.CODE, "team", 256));
    assertNotEquals(teamGrade.term(Team.IST, "ST3"), team.term(Team.IST));
    assertEquals(teamGrade.term(Team.IST, "ST3"), teamGrade.term("ist", "st3"));
  }

  @Test
  void oneValueUnderTwoIndexNamesHasUnrelatedTerms() {
    BlindIndex surname = index(IndexSpec.of("client.surname", IndexKind.NAME, "surname", 256));
    BlindIndex employer = index(IndexSpec.of("client.employer", IndexKind.NAME, "employer", 256));
    assertFalse(Arrays.equals(surname.term("Leeds").term(), employer.term("Leeds").term()));
  }

  @Test
  void oneValueUnderTwoKeysHasUnrelatedTerms() {
    IndexSpec spec = IndexSpec.of("client.surname", IndexKind.NAME, "surname", 256);
    assertNotEquals(
        BlindIndex.create(spec, KEY).term("Smith"),
        BlindIndex.create(spec, BlindIndex.generateKeyset()).term("Smith"));
  }

  @Test
  void accentFoldingIsPartOfTheIndex() {
    IndexSpec plain = IndexSpec.of("client.forename", IndexKind.NAME, "forename", 256);
    BlindIndex folding = index(plain.withAccentFolding());
    assertEquals(folding.term("Zoë"), folding.term("Zoe"));
    assertNotEquals(index(plain).term("Zoë"), index(plain).term("Zoe"));
    // Switching folding on changes every term, so a stale index fails loudly, not by half.
    assertNotEquals(folding.term("Zoe"), index(plain).term("Zoe"));
  }

  @Test
  void truncationKeepsExactlyTheRequestedBits() {
    byte[] full = index(IndexSpec.of("client.surname", IndexKind.NAME, "surname", 256)).term("Smith").term();
    assertEquals(32, full.length);
    for (int bits : new int[] {4, 8, 12, 13, 20, 64, 255}) {
      byte[] term = index(IndexSpec.of("client.surname", IndexKind.NAME, "surname", bits)).term("Smith").term();
      assertEquals((bits + 7) / 8, term.length, "bytes for " + bits);
      byte[] expected = Arrays.copyOf(full, term.length);
      int spare = term.length * 8 - bits;
      expected[expected.length - 1] &= (byte) (0xFF << spare);
      assertArrayEquals(expected, term, "prefix of " + bits + " bits");
    }
  }

  @Test
  void keywordTermsAreOnePerDistinctWordSortedAndFindTheWord() {
    BlindIndex keywords = index(IndexSpec.of("casework.summary", IndexKind.KEYWORD, "caseSummary", 256));
    List<IndexTerm> terms = keywords.terms("GP referral; the GP asked for a referral to IST.");
    Set<IndexTerm> expected = Set.of(
        keywords.term("gp"), keywords.term("Referral"), keywords.term("asked"), keywords.term("IST"));
    assertEquals(expected, new HashSet<>(terms));
    assertEquals(4, terms.size());
    for (int i = 1; i < terms.size(); i++) {
      assertTrue(Arrays.compareUnsigned(terms.get(i - 1).term(), terms.get(i).term()) < 0, "sorted");
    }
    assertEquals(List.of(), keywords.terms("It was that they had it."));
    assertThrows(InvalidInputException.class, () -> keywords.term("the"));
  }

  @Test
  void truncatedKeywordTermsAreNotRepeated() {
    BlindIndex keywords = index(IndexSpec.of("casework.summary", IndexKind.KEYWORD, "caseSummary", 4));
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append("word").append(i).append(' ');
    }
    List<IndexTerm> terms = keywords.terms(text.toString());
    assertEquals(new HashSet<>(terms).size(), terms.size());
    assertTrue(terms.size() <= 16);
  }

  @Test
  void aMonthRangeHasTheTermsOfItsMonthsAndNoFinerDate() {
    BlindIndex months = index(IndexSpec.of("appointment.month", IndexKind.MONTH, "start", 256));
    List<IndexTerm> range = months.terms(YearMonth.of(2025, 12), YearMonth.of(2026, 1));
    assertEquals(
        Set.of(months.term(LocalDate.of(2025, 12, 31)), months.term(LocalDate.of(2026, 1, 1))),
        new HashSet<>(range));
    assertEquals(months.term(LocalDate.of(2026, 3, 2)), months.term(YearMonth.of(2026, 3)));
    var tooLong = assertThrows(
        InvalidInputException.class, () -> months.terms(YearMonth.of(2000, 1), YearMonth.of(2010, 1)));
    assertEquals("index.appointment.month.start", tooLong.field());
  }

  @Test
  void rangesAndTextsAreRefusedByIndexesOfOtherKinds() {
    BlindIndex surname = index(IndexSpec.of("client.surname", IndexKind.NAME, "surname", 8));
    assertThrows(IllegalStateException.class, () -> surname.terms("some text"));
    assertThrows(
        IllegalStateException.class, () -> surname.terms(YearMonth.of(2026, 1), YearMonth.of(2026, 2)));
  }

  @Test
  void onlyAnHmacSha256PrfKeyIsAccepted() throws Exception {
    AeadConfig.register();
    IndexSpec spec = IndexSpec.of("client.surname", IndexKind.NAME, "surname", 8);
    for (var parameters : List.of(
        PredefinedPrfParameters.HMAC_SHA512_PRF,
        PredefinedPrfParameters.AES_CMAC_PRF,
        PredefinedPrfParameters.HKDF_SHA256,
        PredefinedAeadParameters.AES256_GCM)) {
      KeysetHandle wrong = KeysetHandle.generateNew(parameters, RegistryConfiguration.get());
      var e = assertThrows(KeyUnavailableException.class, () -> BlindIndex.create(spec, wrong), parameters.toString());
      assertTrue(e.getMessage().contains("client.surname"), e.getMessage());
    }
  }

  @Test
  void termsAndDescriptionsHoldNoPlaintext() {
    BlindIndex email = index(IndexSpec.of("client.email", IndexKind.EMAIL, "email", 256));
    IndexTerm term = email.term("zoe.example@nhs.net");
    String bytes = new String(term.term(), StandardCharsets.ISO_8859_1);
    assertFalse(bytes.contains("zoe"));
    assertEquals("BlindIndex[client.email, 256 bits]", email.toString());
    assertEquals("IndexTerm[client.email, 32 bytes]", term.toString());
  }
}
