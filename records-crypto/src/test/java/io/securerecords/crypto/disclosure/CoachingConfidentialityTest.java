package io.securerecords.crypto.disclosure;

import static io.securerecords.crypto.disclosure.PsuUnit.ADVISER;
import static io.securerecords.crypto.disclosure.PsuUnit.CALDICOTT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.token.Requester;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "Coaching conversations are always confidential outside the exceptional circumstances listed
 * in points 2.3 to 2.5": released under 2.4, to the client, and to the coaching team itself, but
 * not to the IST adviser who serves the same client, even with a token naming the record.
 */
class CoachingConfidentialityTest {
  private final PsuUnit psu = new PsuUnit();
  private final PsuUnit.Client client = psu.trainee();

  @Test
  void clause2_4_releasesCoachingCasework() {
    Requester gp = new Requester("Dr Gina Practitioner", "Riverside Surgery", "GP",
        "gina@nhs.net");
    String token = psu.decide(psu.decision(client.id(), Purpose.SAFETY_RISK, gp, "client-gp",
        FieldClass.CASE_SUMMARY).approval(CALDICOTT));
    Release release = psu.records.release(token, "client-gp");
    assertEquals("\"" + PsuUnit.COACHING_SUMMARY + "\"",
        PsuUnit.released(release, client.coaching()).json("summary"));
  }

  @Test
  void clause4_coachingCaseworkIsNotReleasedToTheIstAdviser() {
    String token = psu.decide(psu.decision(client.id(), Purpose.SERVICE_DELIVERY, ADVISER,
        "psu-ist", FieldClass.SERVICE_USE, FieldClass.CASE_SUMMARY, FieldClass.OBSERVATIONS));
    Release release = psu.records.release(token, "psu-ist");
    assertNull(PsuUnit.released(release, client.coaching()));
    assertTrue(PsuUnit.fieldsByRecord(release).containsKey(client.ist()));
  }

  @Test
  void clause4_aTokenNamingOnlyTheCoachingRecordReleasesNothingToTheIstAdviser() {
    String token = psu.decide(psu.decision(client.id(), Purpose.SERVICE_DELIVERY, ADVISER,
        "psu-ist", FieldClass.CASE_SUMMARY).records(Set.of(client.coaching())));
    Release release = psu.records.release(token, "psu-ist");
    assertEquals(0, release.records().size(), release.toString());
  }

  @Test
  void clause6_theClientSeesTheirCoachingCasework() {
    Release access = psu.subjectAccess(client.id());
    assertEquals("\"" + PsuUnit.COACHING_OBSERVATIONS + "\"",
        PsuUnit.released(access, client.coaching()).json("observations"));
  }
}
