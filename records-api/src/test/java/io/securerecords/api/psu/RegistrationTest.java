package io.securerecords.api.psu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistrationTest {

  @ParameterizedTest(name = "{0} accepts {1}")
  @CsvSource({
    "GMC, 1234567",
    "GMC, 0000001",
    "NMC, 12A3456E",
    "NMC, 99L0001S",
    "GDC, 1",
    "GDC, 123456",
    "GPHC, 2034567",
    "HCPC, PA12345",
    "HCPC, SL1234",
    "HCPC, OT123456",
  })
  void acceptsEachRegistersRealFormat(Register register, String number) {
    Registration r = new Registration(register, number);
    assertEquals(register, r.register());
    assertEquals(number, r.number());
    assertTrue(register.accepts(number));
  }

  @ParameterizedTest(name = "{0} refuses {1}")
  @CsvSource({
    "GMC, 123456, GMC numbers are 7 digits",
    "GMC, 12345678, GMC numbers are 7 digits",
    "GMC, 123456A, GMC numbers are 7 digits",
    "NMC, 1234567, 'NMC PINs are 2 digits, a letter, 4 digits and a letter'",
    "NMC, 12A34567, 'NMC PINs are 2 digits, a letter, 4 digits and a letter'",
    "NMC, 1AA3456E, 'NMC PINs are 2 digits, a letter, 4 digits and a letter'",
    "GDC, 1234567, GDC numbers are 1 to 6 digits",
    "GDC, A123, GDC numbers are 1 to 6 digits",
    "GPHC, 203456, GPhC numbers are 7 digits",
    "GPHC, 20345678, GPhC numbers are 7 digits",
    "HCPC, 12345, HCPC numbers are 2 letters and 4 to 6 digits",
    "HCPC, PA123, HCPC numbers are 2 letters and 4 to 6 digits",
    "HCPC, PA1234567, HCPC numbers are 2 letters and 4 to 6 digits",
    "HCPC, P12345, HCPC numbers are 2 letters and 4 to 6 digits",
  })
  void refusesOtherFormsNamingTheRuleButNotTheNumber(
      Register register, String number, String rule) {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new Registration(register, number));
    assertEquals("registration.number", e.field());
    assertEquals(rule, e.rule());
    assertFalse(e.getMessage().contains(number), e.getMessage());
  }

  @Test
  void refusesAMissingRegisterOrNumber() {
    assertEquals(
        "registration.register",
        assertThrows(InvalidInputException.class, () -> new Registration(null, "1234567"))
            .field());
    assertEquals(
        "registration.number",
        assertThrows(InvalidInputException.class, () -> new Registration(Register.GMC, null))
            .field());
    assertEquals(
        "registration.number",
        assertThrows(InvalidInputException.class, () -> new Registration(Register.GMC, "  "))
            .field());
  }

  @Test
  void refusesNonAsciiLookAlikesInsteadOfFoldingThem() {
    // U+017F LATIN SMALL LETTER LONG S upper-cases to 'S'; Arabic-Indic digits are digits.
    for (String lookAlike : new String[] {"12A3456\u017f", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667"}) {
      Register register = lookAlike.startsWith("12") ? Register.NMC : Register.GMC;
      InvalidInputException e =
          assertThrows(InvalidInputException.class, () -> new Registration(register, lookAlike));
      assertEquals("registration.number", e.field());
      assertFalse(e.getMessage().contains(lookAlike));
    }
  }

  @Test
  void refusesControlCharactersInTheNumber() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> new Registration(Register.GMC, "1234\n567"));
    assertEquals("registration.number", e.field());
    assertFalse(e.getMessage().contains("1234"));
  }

  @Test
  void storesTheNumberCanonically() {
    assertEquals("12A3456E", new Registration(Register.NMC, "12a 3456e").number());
    assertEquals("PA12345", new Registration(Register.HCPC, "pa 12345").number());
    assertEquals(
        new Registration(Register.NMC, "12A3456E"), new Registration(Register.NMC, " 12a3456e "));
  }

  @ParameterizedTest(name = "\"{1}\" on default {0}")
  @CsvSource({
    "GMC, GMC 1234567",
    "GMC, gmc1234567",
    "GMC, 1234567",
    "GMC, ' 1234567 '",
    "GMC, GMC: 1234567",
    "GMC, GMC No. 1234567",
    "GMC, GMC no 1234567",
    "GMC, GMC number 1234567",
    "GMC, GMC-1234567",
    "GMC, GMC #1234567",
    "GMC, 123 4567",
    "NMC, GMC 1234567",
    ",    GMC 1234567",
  })
  void readsWrittenFormsOfOneGmcNumberAsOneValue(Register defaultRegister, String written) {
    assertEquals(
        new Registration(Register.GMC, "1234567"),
        Registration.parse(defaultRegister, written));
  }

  @Test
  void readsWrittenFormsOfOtherRegisters() {
    Registration nmc = new Registration(Register.NMC, "12A3456E");
    assertEquals(nmc, Registration.parse(null, "nmc 12a3456e"));
    assertEquals(nmc, Registration.parse(Register.NMC, "12A 3456E"));
    assertEquals(nmc, Registration.parse(Register.GMC, "NMC PIN 12A3456E"));
    assertEquals(new Registration(Register.GPHC, "2034567"), Registration.parse(null, "GPhC 2034567"));
    assertEquals(new Registration(Register.HCPC, "PA12345"), Registration.parse(null, "HCPC PA12345"));
    assertEquals(new Registration(Register.HCPC, "PA12345"), Registration.parse(Register.HCPC, "pa12345"));
    assertEquals(new Registration(Register.GDC, "81234"), Registration.parse(null, "gdc 81234"));
  }

  @Test
  void keepsTwoDifferentNumbersDistinct() {
    Registration a = Registration.parse(Register.GMC, "GMC 1234567");
    Registration b = Registration.parse(Register.GMC, "GMC 1234568");
    assertNotEquals(a, b);
    assertNotEquals(a.number(), b.number());
    // Leading zeros are part of a number, not padding.
    assertNotEquals(
        Registration.parse(Register.GDC, "012345"), Registration.parse(Register.GDC, "12345"));
    // The same digits on two registers are two registrations.
    assertNotEquals(
        Registration.parse(null, "GMC 2034567"), Registration.parse(null, "GPhC 2034567"));
  }

  @Test
  void parseRefusesWithoutEchoingTheText() {
    String[] bad = {"GMC 12345", "NMC 1234567", "1234567 GMC", "gmc", "GMC/1234567", "??"};
    for (String written : bad) {
      InvalidInputException e =
          assertThrows(
              InvalidInputException.class,
              () -> Registration.parse(Register.GMC, written),
              written);
      assertEquals("registration.number", e.field(), written);
      assertFalse(e.getMessage().contains(written), e.getMessage());
    }
  }

  @Test
  void parseNeedsARegisterFromTheTextOrTheDefault() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> Registration.parse(null, "1234567"));
    assertEquals("registration.register", e.field());
    assertFalse(e.getMessage().contains("1234567"));
    assertEquals(
        "registration.number",
        assertThrows(InvalidInputException.class, () -> Registration.parse(Register.GMC, null))
            .field());
    assertEquals(
        "registration.number",
        assertThrows(
                InvalidInputException.class,
                () -> Registration.parse(Register.GMC, "GMC " + "1".repeat(100)))
            .field());
  }

  @Test
  void toStringShowsTheRegisterButNeverTheNumber() {
    Registration r = new Registration(Register.GMC, "7654321");
    assertEquals("Registration[GMC, ***]", r.toString());
    assertFalse(new Registration(Register.HCPC, "PA12345").toString().contains("PA12345"));
  }

  @Test
  void registersNameTheirCouncils() {
    assertEquals("GPhC", Register.GPHC.abbreviation());
    assertEquals("General Medical Council", Register.GMC.council());
    assertFalse(Register.GMC.accepts(null));
    assertFalse(Register.GMC.accepts("123 4567"));
  }
}
