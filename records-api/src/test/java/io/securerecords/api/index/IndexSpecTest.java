package io.securerecords.api.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.psu.Team;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An index declaration fails at once, naming the index and the rule, when it is not usable. */
class IndexSpecTest {

  @Test
  void badNamesAreRefused() {
    for (String bad : List.of("", "Client.name", "1name", "name with space", "n".repeat(65))) {
      var e = assertThrows(
          InvalidInputException.class, () -> IndexSpec.of(bad, IndexKind.NAME, "surname", 8), bad);
      assertEquals("index", e.field());
    }
  }

  @Test
  void bitsOutsideFourTo256AreRefused() {
    assertThrows(InvalidInputException.class, () -> IndexSpec.of("n", IndexKind.NAME, "surname", 3));
    assertThrows(InvalidInputException.class, () -> IndexSpec.of("n", IndexKind.NAME, "surname", 257));
    assertEquals(1, IndexSpec.of("n", IndexKind.NAME, "surname", 4).termBytes());
    assertEquals(2, IndexSpec.of("n", IndexKind.NAME, "surname", 12).termBytes());
    assertEquals(32, IndexSpec.of("n", IndexKind.NAME, "surname", 256).termBytes());
  }

  @Test
  void fieldListsAreChecked() {
    var twice = assertThrows(
        InvalidInputException.class,
        () -> IndexSpec.compound("n", 8, IndexField.name("surname"), IndexField.code("surname")));
    assertEquals("index.n", twice.field());
    assertThrows(InvalidInputException.class, () -> IndexSpec.compound("n", 8));
    assertThrows(
        InvalidInputException.class,
        () -> IndexSpec.compound(
            "n", 8, IndexField.name("a"), IndexField.name("b"), IndexField.name("c"),
            IndexField.name("d"), IndexField.name("e")));
    assertThrows(InvalidInputException.class, () -> IndexSpec.of("n", IndexKind.NAME, "bad-field", 8));
  }

  @Test
  void monthAndKeywordIndexesCoverOneFieldOnly() {
    assertThrows(
        InvalidInputException.class,
        () -> IndexSpec.compound(
            "n", 8, IndexField.code("team"), new IndexField("start", IndexKind.MONTH)));
    assertThrows(
        InvalidInputException.class,
        () -> IndexSpec.compound(
            "n", 8, IndexField.code("team"), new IndexField("summary", IndexKind.KEYWORD)));
  }

  @Test
  void accentFoldingNeedsANameOrKeywordField() {
    assertThrows(
        InvalidInputException.class,
        () -> IndexSpec.of("n", IndexKind.EMAIL, "email", 8).withAccentFolding());
    assertEquals(true, IndexSpec.of("n", IndexKind.NAME, "surname", 8).withAccentFolding().foldAccents());
  }

  @Test
  void normaliseTakesOneValuePerFieldOfTheRightType() {
    IndexSpec spec =
        IndexSpec.compound("team-grade", 10, IndexField.code("team"), IndexField.name("careerGrade"));
    assertEquals(List.of("IST", "specialty registrar st3"), spec.normalise(Team.IST, " Specialty  Registrar ST3"));
    assertThrows(InvalidInputException.class, () -> spec.normalise(Team.IST));
    var wrongType = assertThrows(InvalidInputException.class, () -> spec.normalise(Team.IST, 3));
    assertEquals("index.team-grade.careerGrade", wrongType.field());
    var month = IndexSpec.of("appointment-month", IndexKind.MONTH, "start", 8);
    assertThrows(InvalidInputException.class, () -> month.normalise("2026-03"));
    assertEquals(List.of("2026-03"), month.normalise(LocalDate.of(2026, 3, 9)));
  }

  @Test
  void anInvalidValueIsReportedByFieldWithoutTheValue() {
    IndexSpec spec = IndexSpec.of("contact", IndexKind.EMAIL, "email", 8);
    var e = assertThrows(InvalidInputException.class, () -> spec.normalise("zoe.secret-address"));
    assertEquals("index.contact.email", e.field());
    assertFalse(e.getMessage().contains("secret"), e.getMessage());
  }

  @Test
  void kindIsOnlyAskedOfSingleFieldIndexes() {
    assertEquals(IndexKind.EMAIL, IndexSpec.of("contact", IndexKind.EMAIL, "email", 8).kind());
    assertThrows(
        IllegalStateException.class,
        () -> IndexSpec.compound("n", 8, IndexField.name("a"), IndexField.name("b")).kind());
  }
}
