package io.securerecords.crypto.disclosure;

import static io.securerecords.crypto.disclosure.PsuUnit.ADMINISTRATOR;
import static io.securerecords.crypto.disclosure.PsuUnit.ADVISER;
import static io.securerecords.crypto.disclosure.PsuUnit.COACH_REQUESTER;
import static io.securerecords.crypto.disclosure.PsuUnit.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Condition;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.token.Requester;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Clause 4, service delivery: the allocated adviser or the service administrator sees the Basic
 * Record and their own team's casework, never demographics, and only the coaching team sees
 * coaching casework.
 */
class ServiceDeliveryTest {
  private static final Set<FieldClass> ALL_BUT_DEMOGRAPHIC =
      EnumSet.complementOf(EnumSet.of(FieldClass.DEMOGRAPHIC));

  private final PsuUnit psu = new PsuUnit();
  private final PsuUnit.Client client = psu.trainee();

  private Release deliver(Requester requester, String recipient) {
    String token = psu.decide(psu.decision(client.id(), Purpose.SERVICE_DELIVERY, requester,
        recipient, ALL_BUT_DEMOGRAPHIC.toArray(FieldClass[]::new)));
    return psu.records.release(token, recipient);
  }

  private static Set<String> basicWithoutDemographics() {
    return PsuUnit.fieldsOf(PsuSchemas.basic(), ALL_BUT_DEMOGRAPHIC.toArray(FieldClass[]::new));
  }

  private static Set<String> allCasework() {
    return PsuUnit.fieldsOf(PsuSchemas.casework(), FieldClass.values());
  }

  @Test
  void clause4_istAdviserSeesBasicRecordAndIstCasework_notCoaching() {
    Release release = deliver(ADVISER, "psu-ist");
    assertEquals(Map.of(client.basic(), basicWithoutDemographics(), client.ist(), allCasework()),
        PsuUnit.fieldsByRecord(release));
  }

  @Test
  void clause4_serviceAdministratorSeesTheSame() {
    Release release = deliver(ADMINISTRATOR, "psu-ist");
    assertEquals(Set.of(client.basic(), client.ist()), PsuUnit.fieldsByRecord(release).keySet());
  }

  @Test
  void clause4_coachingTeamSeesItsOwnCasework_notIst() {
    Release release = deliver(COACH_REQUESTER, "psu-coaching");
    assertEquals(Map.of(client.basic(), basicWithoutDemographics(),
            client.coaching(), allCasework()),
        PsuUnit.fieldsByRecord(release));
    assertEquals("\"" + PsuUnit.COACHING_SUMMARY + "\"",
        PsuUnit.released(release, client.coaching()).json("summary"));
  }

  @Test
  void clause4_refusedToSomeoneWhoIsNotOnAnyCase() {
    String token = psu.decide(psu.decision(client.id(), Purpose.SERVICE_DELIVERY, STRANGER,
        "psu-ist", FieldClass.IDENTITY));
    RefusedException e = psu.assertRefusedAndLogged("4",
        () -> psu.records.release(token, "psu-ist"));
    assertEquals(Condition.REQUESTER_IS_CASE_TEAM_ADVISER_OR_ADMINISTRATOR.description(),
        e.condition());
  }

  @Test
  void clause4_demographicsAreNeverReleasedForServiceDelivery() {
    RefusedException e = psu.assertRefusedAndLogged("4", () -> psu.decide(psu.decision(
        client.id(), Purpose.SERVICE_DELIVERY, ADVISER, "psu-ist", FieldClass.DEMOGRAPHIC)));
    assertEquals(true, e.condition().contains("DEMOGRAPHIC"), e.condition());
  }
}
