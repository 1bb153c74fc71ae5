package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.SharingObjection;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TransferConsent;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.Requester;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Notice 3.3: an objection always blocks internal advice (3.1) and transfer (3.2) for its aspect. */
class ObjectionProperties {
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  private static final List<FieldClass> CASEWORK_CLASSES = List.of(FieldClass.SERVICE_USE,
      FieldClass.CASE_SUMMARY, FieldClass.CORRESPONDENCE, FieldClass.OBSERVATIONS);

  /** An objection: to casework record {@code record} (-1: all), class {@code cls} (-1: whole). */
  record Aspect(int record, int cls) {}

  @Provide
  Arbitrary<List<Aspect>> aspects() {
    return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(-1, 2),
        Arbitraries.integers().between(-1, CASEWORK_CLASSES.size() - 1)).as(Aspect::new)
        .list().ofMaxSize(3);
  }

  @Property(tries = 40)
  void anObjectedAspectNeverLeavesUnderInternalAdviceOrTransfer(
      @ForAll("aspects") List<Aspect> objections, @ForAll boolean transfer) {
    SecureRecords records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).build();
    ClientId client = ClientId.random();
    records.put(client, BasicRecord.builder("Kim Lee", Registration.parse(Register.GMC, "1000009"))
        .build());
    List<RecordId> casework = new ArrayList<>();
    Team[] teams = {Team.IST, Team.SCCLS, Team.SPOC};
    for (int i = 0; i < teams.length; i++) {
      casework.add(records.put(client, CaseworkRecord.builder(teams[i], "S" + i, TODAY.minusMonths(1))
          .summary("summary-" + i).observations("observations-" + i)
          .correspondence(List.of(new io.securerecords.api.psu.Message(TODAY, "A", "B", "s",
              "message-" + i))).build()));
    }
    records.put(client, new TransferConsent(Team.CAREERS, TODAY.minusDays(3), null));
    for (Aspect a : objections) {
      records.put(client, new SharingObjection(a.record() < 0 ? null : casework.get(a.record()),
          a.cls() < 0 ? null : CASEWORK_CLASSES.get(a.cls()), TODAY.minusDays(2), null));
    }
    Purpose purpose = transfer ? Purpose.INTERNAL_TRANSFER : Purpose.INTERNAL_ADVICE;
    Set<FieldClass> classes = EnumSet.copyOf(records.policy().releasableClasses(purpose));
    Requester careers = new Requester("Cat Careers", "CAREERS", "Adviser", "c@hee");
    String token = records.decide(records.newDecision().subject(client).purpose(purpose)
        .audience("psu").requester(careers).reason("r").fieldClasses(classes).build(), careers);
    Release release;
    try {
      release = records.release(token, "psu");
    } catch (RefusedException nothingLeft) {
      return;
    }
    for (ReleasedRecord r : release.records()) {
      if (!r.type().name().equals("psu.casework")) {
        continue;
      }
      for (String field : r.fieldNames()) {
        String json = r.json(field);
        if (json == null || json.equals("null")) {
          continue;
        }
        // Which casework record this came from (3.1 replaces record ids with pseudonyms).
        int index = -1;
        for (int i = 0; i < teams.length; i++) {
          if (json.contains("-" + i + "\"") || json.contains("\"S" + i + "\"")
              || json.contains("\"" + teams[i].name() + "\"")) {
            index = i;
          }
        }
        FieldClass cls = PsuSchemas.casework().field(field).orElseThrow().fieldClass();
        for (Aspect a : objections) {
          boolean coversRecord = a.record() < 0 || a.record() == index;
          boolean coversClass = a.cls() < 0 || CASEWORK_CLASSES.get(a.cls()) == cls;
          assertFalse(coversRecord && coversClass && index >= 0,
              field + " (" + cls + ") of casework " + index + " left under " + purpose
                  + " despite " + a);
        }
      }
    }
  }
}
