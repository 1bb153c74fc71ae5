package io.securerecords.crypto.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.RefusedException;
import io.securerecords.api.policy.Allowance;
import io.securerecords.api.policy.PolicyRow;
import io.securerecords.api.policy.PolicyTable;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.PsuSchemas;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.ResponsibleOfficer;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.FieldSpec;
import io.securerecords.api.schema.RecordSchema;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * The policy's invariants over random purposes, requested classes and scopes, requesters and
 * client states (profession, training, region, recorded officer, casework teams including
 * Coaching, staff names that match the requester or not):
 *
 * <ul>
 *   <li>no release ever carries a field whose class is outside the purpose's row of {@link
 *       PolicyTable#psuDefault()} or outside the token's classes;
 *   <li>coaching casework never leaves outside 2.3, 2.4, 2.5, subject access and the coaching
 *       team's own service delivery;
 *   <li>2.1 and 2.2 never release anything from a casework record;
 *   <li>a release holds only the token's client's records, within the token's record scope;
 *   <li>and, as a model of the conditions, a request is granted exactly when the notice says.
 * </ul>
 */
class ReleasePolicyProperties {
  private static final PsuUnit PSU = new PsuUnit();
  private static final PolicyTable POLICY = PolicyTable.psuDefault();
  private static final String CMT = PsuUnit.CASE_MANAGEMENT_TEAM;
  private static final String OTHER_OFFICER = "Dr Olga Otherofficer";
  private static final String PEER = "Pat Peer";
  private static final Set<Purpose> COACHING_PURPOSES = EnumSet.of(Purpose.LEGAL_OBLIGATION,
      Purpose.SAFETY_RISK, Purpose.CRIME_OR_PUBLIC_INTEREST, Purpose.SUBJECT_ACCESS,
      Purpose.SERVICE_DELIVERY);
  private static final Set<String> SENIOR =
      Set.of(SecureRecords.HEAD_OF_PSU, SecureRecords.CALDICOTT_GUARDIAN);
  /** A record of some earlier client, for tokens that reach outside their own client. */
  private static final RecordId FOREIGN = PSU.trainee().basic();

  record Casework(Team team, String adviser, String administrator) {}

  record ClientState(Profession profession, TrainingStatus training, ProgrammeRegion region,
      String officer, String email, List<Casework> casework) {}

  record Ask(Purpose purpose, Set<FieldClass> classes, Requester requester,
      Optional<String> legalReference, Optional<String> approvalRole, List<Boolean> scope,
      boolean foreignRecord, String recipient) {}

  @Property(tries = 300)
  void everyReleaseStaysInsideThePolicyRowAndTheToken(
      @ForAll("clients") ClientState state, @ForAll("asks") Ask ask) {
    ClientId client = ClientId.random();
    Map<RecordId, Casework> casework = new LinkedHashMap<>();
    RecordId basic = PSU.records.put(client, basicRecord(state));
    for (Casework c : state.casework()) {
      casework.put(PSU.records.put(client, caseworkRecord(c)), c);
    }
    List<RecordId> all = new ArrayList<>();
    all.add(basic);
    all.addAll(casework.keySet());
    Set<RecordId> scope = new HashSet<>();
    for (int i = 0; i < all.size() && i < ask.scope().size(); i++) {
      if (ask.scope().get(i)) {
        scope.add(all.get(i));
      }
    }
    if (ask.foreignRecord()) {
      scope.add(FOREIGN);
    }

    AccessTokenClaims.Builder decision = PSU.records.newDecision().subject(client)
        .purpose(ask.purpose()).audience(ask.recipient()).requester(ask.requester())
        .reason("property").fieldClasses(ask.classes()).records(scope);
    ask.legalReference().ifPresent(decision::legalReference);
    ask.approvalRole().ifPresent(role -> decision.approval(new Approval("Ann Approver", role)));

    long logBefore = PSU.logSize();
    Release release;
    try {
      release = PSU.records.release(PSU.decide(decision), ask.recipient());
    } catch (RefusedException e) {
      Statistics.label("outcome").collect(ask.purpose(), "refused");
      assertFalse(grantedByTheNotice(state, ask, casework),
          () -> "refused although the notice allows it: " + e.getMessage());
      assertEquals(Decision.REFUSED, PSU.logEntry(PSU.logSize() - 1).decision());
      assertTrue(PSU.logSize() > logBefore);
      return;
    }
    Statistics.label("outcome").collect(ask.purpose(), "granted");
    assertTrue(grantedByTheNotice(state, ask, casework), "granted against the notice");
    assertEquals(Decision.GRANTED, PSU.logEntry(release.logSequence()).decision());
    assertEquals(client, release.client());

    PolicyRow row = POLICY.row(ask.purpose());
    for (ReleasedRecord r : release.records()) {
      assertTrue(all.contains(r.id()), "only the token's client's records");
      assertTrue(scope.isEmpty() || scope.contains(r.id()), "only records in the token's scope");
      boolean isBasic = r.id().equals(basic);
      RecordSchema schema = isBasic ? PsuSchemas.basic() : PsuSchemas.casework();
      for (String field : r.fieldNames()) {
        FieldClass fieldClass = schema.field(field).orElseThrow().fieldClass();
        Allowance allowance = row.allowance(fieldClass);
        assertTrue(allowance == Allowance.ALLOWED
                || (allowance == Allowance.BASIC_RECORD_ONLY && isBasic),
            field + " of class " + fieldClass + " is " + allowance + " for " + ask.purpose());
        assertTrue(ask.classes().contains(fieldClass), field + " is outside the token");
      }
      Casework c = casework.get(r.id());
      if (c != null && c.team() == Team.COACHING) {
        assertTrue(COACHING_PURPOSES.contains(ask.purpose()), "coaching left for " + ask);
        if (ask.purpose() == Purpose.SERVICE_DELIVERY) {
          assertTrue(onTheCase(ask.requester(), c), "coaching left to someone not on the case");
        }
      }
      if (ask.purpose() == Purpose.REGULATORY_OR_CONTRACTUAL
          || ask.purpose() == Purpose.RESPONSIBLE_OFFICER_AWARENESS) {
        assertTrue(isBasic, "2.1 and 2.2 release nothing from casework");
      }
    }
    assertEquals(expectedFields(ask, basic, casework, scope), PsuUnit.fieldsByRecord(release));
  }

  @AfterContainer
  static void theLogStillVerifies() {
    assertTrue(PSU.records.verifyLog(Checkpoint.EMPTY).intact());
  }

  /** The notice's conditions, written out independently of the implementation. */
  private static boolean grantedByTheNotice(ClientState s, Ask ask,
      Map<RecordId, Casework> casework) {
    if (ask.foreignRecord()
        || !POLICY.releasableClasses(ask.purpose()).containsAll(ask.classes())) {
      return false;
    }
    Requester who = ask.requester();
    boolean senior = ask.approvalRole().filter(SENIOR::contains).isPresent();
    boolean londonOrKss = s.region() == ProgrammeRegion.LONDON || s.region() == ProgrammeRegion.KSS;
    boolean viaTeam = ask.recipient().equals(CMT);
    return switch (ask.purpose()) {
      case REGULATORY_OR_CONTRACTUAL -> ask.legalReference().isPresent();
      case RESPONSIBLE_OFFICER_AWARENESS -> s.profession() == Profession.DOCTOR
          && s.training() == TrainingStatus.POSTGRADUATE_TRAINING
          && (who.name().equals(s.officer()) || (londonOrKss && viaTeam))
          && (!londonOrKss || viaTeam);
      case LEGAL_OBLIGATION, CRIME_OR_PUBLIC_INTEREST ->
          ask.legalReference().isPresent() && senior;
      case SAFETY_RISK -> senior;
      case SERVICE_DELIVERY -> casework.values().stream().anyMatch(c -> onTheCase(who, c));
      case SUBJECT_ACCESS -> who.name().equals(PsuUnit.CLIENT_NAME)
          && (s.email() == null || who.contact().equals(s.email()));
      default -> false;
    };
  }

  private static boolean onTheCase(Requester who, Casework c) {
    return who.name().equals(c.adviser()) || who.name().equals(c.administrator());
  }

  /** Exactly the fields the notice lets out for a granted request. */
  private static Map<RecordId, Set<String>> expectedFields(Ask ask, RecordId basic,
      Map<RecordId, Casework> casework, Set<RecordId> scope) {
    PolicyRow row = POLICY.row(ask.purpose());
    Map<RecordId, Set<String>> out = new HashMap<>();
    List<RecordId> ids = new ArrayList<>();
    ids.add(basic);
    ids.addAll(casework.keySet());
    for (RecordId id : ids) {
      if (!scope.isEmpty() && !scope.contains(id)) {
        continue;
      }
      Casework c = casework.get(id);
      if (c != null && c.team() == Team.COACHING && !COACHING_PURPOSES.contains(ask.purpose())) {
        continue;
      }
      if (c != null && ask.purpose() == Purpose.SERVICE_DELIVERY
          && !onTheCase(ask.requester(), c)) {
        continue;
      }
      RecordSchema schema = c == null ? PsuSchemas.basic() : PsuSchemas.casework();
      Set<String> fields = new HashSet<>();
      for (FieldSpec f : schema.fields()) {
        Allowance a = row.allowance(f.fieldClass());
        boolean allowed = a == Allowance.ALLOWED || (a == Allowance.BASIC_RECORD_ONLY && c == null);
        if (allowed && ask.classes().contains(f.fieldClass())) {
          fields.add(f.name());
        }
      }
      if (!fields.isEmpty()) {
        out.put(id, Set.copyOf(fields));
      }
    }
    return out;
  }

  private static BasicRecord basicRecord(ClientState s) {
    return BasicRecord.builder(PsuUnit.CLIENT_NAME, Registration.parse(Register.GMC, "7654321"))
        .email(s.email())
        .profession(s.profession())
        .trainingStatus(s.training())
        .programmeRegion(s.region())
        .responsibleOfficer(s.officer() == null ? null : new ResponsibleOfficer(s.officer(), null))
        .servicesAccessed(List.of("IST-PERF"))
        .ethnicity("any")
        .build();
  }

  private static CaseworkRecord caseworkRecord(Casework c) {
    return CaseworkRecord.builder(c.team(), c.team().name() + "-1", LocalDate.of(2026, 1, 5))
        .adviser(c.adviser())
        .administrator(c.administrator())
        .summary("summary")
        .observations("observations")
        .build();
  }

  @Provide
  Arbitrary<ClientState> clients() {
    Arbitrary<Casework> casework = Combinators.combine(
        Arbitraries.of(Team.class),
        Arbitraries.of(PsuUnit.IST_ADVISER, PsuUnit.COACH, PEER).injectNull(0.2),
        Arbitraries.of(PsuUnit.IST_ADMIN, PsuUnit.COACH).injectNull(0.3)).as(Casework::new);
    return Combinators.combine(
        Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Profession.DOCTOR)),
            Tuple.of(1, Arbitraries.of(Profession.class))),
        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(TrainingStatus.POSTGRADUATE_TRAINING)),
            Tuple.of(1, Arbitraries.of(TrainingStatus.class))).injectNull(0.1),
        Arbitraries.of(ProgrammeRegion.class).injectNull(0.15),
        Arbitraries.of(PsuUnit.RO_NAME, OTHER_OFFICER).injectNull(0.2),
        Arbitraries.just(PsuUnit.CLIENT_EMAIL).injectNull(0.3),
        casework.list().ofMaxSize(3)).as(ClientState::new);
  }

  @Provide
  Arbitrary<Ask> asks() {
    return Arbitraries.of(Purpose.class).withoutEdgeCases().flatMap(purpose -> Combinators.combine(
        classesFor(purpose),
        Arbitraries.frequencyOf(Tuple.of(1, anyRequester()), Tuple.of(3, plausible(purpose))),
        Arbitraries.just("Senior Courts Act 1981 s.33").optional(0.6),
        Arbitraries.of(SecureRecords.HEAD_OF_PSU, SecureRecords.CALDICOTT_GUARDIAN,
            "Line Manager").optional(0.7),
        Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<Boolean>of())),
            Tuple.of(1, Arbitraries.of(true, false).list().ofSize(4))),
        Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
        Arbitraries.of("recipient", CMT))
        .as((classes, requester, legal, role, scope, foreign, recipient) ->
            new Ask(purpose, classes, requester, legal, role, scope, foreign, recipient)));
  }

  private static Arbitrary<Requester> anyRequester() {
    return requesters(
        Arbitraries.of(PsuUnit.CLIENT_NAME, PsuUnit.RO_NAME, OTHER_OFFICER, PsuUnit.IST_ADVISER,
            PsuUnit.IST_ADMIN, PsuUnit.COACH, PEER, "Zed Stranger"),
        Arbitraries.of(PsuUnit.EMPLOYER, CMT, "General Medical Council",
            "Professional Support Unit"),
        Arbitraries.of(PsuUnit.CLIENT_EMAIL, "someone@example.org"));
  }

  /** Requesters who might be entitled under the purpose, so that grants are common. */
  private static Arbitrary<Requester> plausible(Purpose purpose) {
    return switch (purpose) {
      case RESPONSIBLE_OFFICER_AWARENESS -> requesters(
          Arbitraries.of(PsuUnit.RO_NAME, OTHER_OFFICER, "Casey Manager"),
          Arbitraries.of(PsuUnit.EMPLOYER, CMT), Arbitraries.just("ro@nhs.net"));
      case SUBJECT_ACCESS -> requesters(Arbitraries.just(PsuUnit.CLIENT_NAME),
          Arbitraries.just("self"), Arbitraries.of(PsuUnit.CLIENT_EMAIL, "0207 946 0000"));
      case SERVICE_DELIVERY -> requesters(
          Arbitraries.of(PsuUnit.IST_ADVISER, PsuUnit.IST_ADMIN, PsuUnit.COACH, PEER),
          Arbitraries.just("Professional Support Unit"), Arbitraries.just("staff@hee.nhs.uk"));
      default -> anyRequester();
    };
  }

  private static Arbitrary<Requester> requesters(Arbitrary<String> names,
      Arbitrary<String> organisations, Arbitrary<String> contacts) {
    return Combinators.combine(names, organisations, contacts)
        .as((name, organisation, contact) -> new Requester(name, organisation, "Role", contact));
  }

  /** Mostly classes inside the row (so releases happen), sometimes any classes at all. */
  private static Arbitrary<Set<FieldClass>> classesFor(Purpose purpose) {
    Arbitrary<Set<FieldClass>> any = Arbitraries.subsetOf(FieldClass.values()).ofMinSize(1);
    Set<FieldClass> row = POLICY.releasableClasses(purpose);
    if (row.isEmpty()) {
      return any;
    }
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.subsetOf(row).ofMinSize(1)), Tuple.of(1, any));
  }
}
