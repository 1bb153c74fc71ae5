package io.securerecords.crypto.disclosure;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.PolicyTable;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.ResponsibleOfficer;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
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

/**
 * For random canary values sealed as the client's name, email, employer, officer, adviser,
 * summary and observations, no refusal message and no toString of a release, a released record
 * or an enquiry contains one, whatever the purpose and whoever the requester (who may carry the
 * adviser's or the client's own name, so that grants happen).
 */
class NoPlaintextEscapesProperties {
  private static final PsuUnit PSU = new PsuUnit();

  @Property(tries = 60)
  void noCanaryInMessagesOrToStrings(@ForAll("canaries") String canary,
      @ForAll Purpose purpose, @ForAll("who") int who) {
    String name = "Dr " + canary + " Client";
    String adviser = canary + " Adviser";
    ClientId client = ClientId.random();
    PSU.records.put(client, BasicRecord.builder(name, Registration.parse(Register.GMC, "1234567"))
        .email(canary + "@nhs.net")
        .employer(canary + " Trust")
        .profession(Profession.DOCTOR)
        .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
        .programmeRegion(ProgrammeRegion.OTHER)
        .responsibleOfficer(new ResponsibleOfficer("Dr " + canary + " Officer", null))
        .build());
    PSU.records.put(client, CaseworkRecord.builder(Team.COACHING, "C-1", LocalDate.of(2026, 1, 1))
        .adviser(adviser).summary("about " + canary).observations(canary).build());
    Requester requester = switch (who) {
      case 0 -> new Requester(name, "self", "Client", canary + "@nhs.net");
      case 1 -> new Requester(adviser, "Professional Support Unit", "Coach", "c@hee.nhs.uk");
      case 2 -> new Requester("Dr " + canary + " Officer", "Trust", "RO", "ro@nhs.net");
      default -> PsuUnit.STRANGER;
    };
    Set<FieldClass> row = PolicyTable.psuDefault().releasableClasses(purpose);
    Set<FieldClass> asked = row.isEmpty() ? EnumSet.of(FieldClass.OBSERVATIONS) : row;
    List<String> printed = new ArrayList<>();
    try {
      String token = PSU.decide(PSU.decision(client, purpose, requester, "recipient",
              asked.toArray(FieldClass[]::new))
          .legalReference("Senior Courts Act 1981 s.33").approval(PsuUnit.CALDICOTT));
      Release release = PSU.records.release(token, "recipient");
      printed.add(release.toString());
      release.records().forEach(r -> printed.add(r.toString()));
      release.enquiries().forEach(e -> printed.add(e.toString()));
    } catch (RefusedException e) {
      printed.add(e.getMessage());
    }
    for (String text : printed) {
      assertFalse(text.contains(canary), () -> "'" + text + "' shows a sealed value");
    }
  }

  @Provide
  Arbitrary<String> canaries() {
    // Letters only, long enough never to occur by chance in ids, type or field names.
    return Arbitraries.strings().withCharRange('a', 'z').withChars('é', 'ß', 'ø').ofLength(14)
        .map(s -> "Q" + s);
  }

  @Provide
  Arbitrary<Integer> who() {
    return Arbitraries.integers().between(0, 3);
  }
}
