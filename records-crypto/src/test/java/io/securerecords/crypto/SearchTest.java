package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.RefusedException;
import io.securerecords.api.error.TamperedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.Appointment;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.index.IndexQuery;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.token.Requester;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blind-index search: staff find clients and cases while the store sees only blinded terms. */
class SearchTest {
  private static final Requester ALEX = new Requester("Alex Adviser", "PSU", "Adviser", "a@hee");
  private final TamperingStore store = new TamperingStore();
  private final KeyEncryptionKey kek = KeyEncryptionKey.ephemeral();
  private final SecureRecords records = SecureRecords.builder().store(store)
      .kek(kek).clock(Fixtures.CLOCK).expectedClients(16)
      .keywordIndex().build();
  private ClientId zoe;
  private ClientId ann;
  private RecordId zoeBasic;
  private RecordId zoeIst;

  @BeforeEach
  void clients() {
    zoe = ClientId.random();
    ann = ClientId.random();
    zoeBasic = records.put(zoe, BasicRecord.builder("Zoë Smith",
            Registration.parse(Register.GMC, "GMC 1234567")).email("Zoe.Smith@nhs.net")
        .appointments(List.of(new Appointment(LocalDate.of(2026, 3, 4), Team.IST))).build());
    zoeIst = records.put(zoe, CaseworkRecord.builder(Team.IST, "IST-1", LocalDate.of(2026, 3, 4))
        .adviser("Alex Adviser").summary("Discussed exam anxiety and rota pressure.").build());
    records.put(ann, BasicRecord.builder("Ann Smith",
        Registration.parse(Register.GMC, "7654321")).build());
    records.put(ann, CaseworkRecord.builder(Team.CAREERS, "C-1", LocalDate.of(2026, 4, 1))
        .adviser("Cat Careers").summary("Exam retake planning.").build());
  }

  private String token(Requester who, Set<FieldClass> classes, int uses) {
    return records.decide(records.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.SERVICE_DELIVERY).audience("psu").requester(who).reason("find a client")
        .fieldClasses(classes).maxUses(uses).build(), ALEX);
  }

  @Test
  void anAdviserFindsTheirClientByRegisterNumberInAnyWrittenForm() {
    for (String written : List.of("GMC 1234567", "gmc1234567", "1234567")) {
      SearchResult found = records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu",
          IndexQuery.equal("register", Registration.parse(Register.GMC, written)), null, 10);
      assertEquals(List.of(zoeBasic), found.records().stream().map(ReleasedRecord::id).toList());
      assertEquals(Set.of("fullName", "registration"), found.records().get(0).fieldNames());
    }
  }

  @Test
  void aFalsePositivesClientIsNotReadForThePolicyCheck() {
    // 16 expected clients: 4-bit register terms (the minimum). Add clients until another shares
    // Zoë's term: keys are random, so how many that takes varies from run to run.
    Registration zoes = Registration.parse(Register.GMC, "1234567");
    List<io.securerecords.api.store.IndexTerm> terms =
        records.indexes().queryTerms(records.indexes().declared("register"), zoes);
    for (int i = 0; i < 2_000 && terms.stream().mapToInt(t -> store.findByTerm(t).size()).sum() < 2;
        i++) {
      records.put(ClientId.random(), BasicRecord.builder("Other Person",
          Registration.parse(Register.GMC, String.valueOf(3_000_000 + i))).build());
    }
    String token = token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1);
    store.termCandidates.clear();
    store.clientsListed.clear();
    store.recordsRead.clear();
    SearchResult found = records.search(token, "psu",
        IndexQuery.equal("register", zoes), null, 10);
    assertEquals(List.of(zoeBasic), found.records().stream().map(ReleasedRecord::id).toList());
    assertTrue(store.termCandidates.stream().mapToInt(Integer::intValue).sum() > 1,
        "the truncated term stands for other clients' records too");
    // The other records under the term are dropped by their entries' sealed checks, unread.
    assertEquals(List.of(zoeBasic), store.recordsRead);
    // Only the hit's client has its records read and opened for the policy's conditions.
    assertEquals(Set.of(zoe), Set.copyOf(store.clientsListed));
  }

  /** Zoë's register term, shared with at least two other clients' records; their key names. */
  private Set<KeyName> zoesTermSharedByThree(Registration zoes) {
    List<io.securerecords.api.store.IndexTerm> terms =
        records.indexes().queryTerms(records.indexes().declared("register"), zoes);
    for (int i = 0; i < 2_000 && terms.stream().mapToInt(t -> store.findByTerm(t).size()).sum() < 3;
        i++) {
      records.put(ClientId.random(), BasicRecord.builder("Other Person",
          Registration.parse(Register.GMC, String.valueOf(3_000_000 + i))).build());
    }
    Set<KeyName> candidates = new java.util.TreeSet<>();
    terms.forEach(t -> store.findByTerm(t).forEach(
        id -> candidates.add(KeyName.client(store.inner.record(id).orElseThrow().client()))));
    assertTrue(candidates.size() >= 3, "Zoë and at least two others share the term");
    return candidates;
  }

  @Test
  void withKeysCachedOnlyTheKeptCandidatesKeyEntriesAreRead() {
    Registration zoes = Registration.parse(Register.GMC, "1234567");
    Set<KeyName> candidates = zoesTermSharedByThree(zoes);
    String token = token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1);
    store.keyReads.clear();
    SearchResult found = records.search(token, "psu", IndexQuery.equal("register", zoes), null, 10);
    assertEquals(List.of(zoeBasic), found.records().stream().map(ReleasedRecord::id).toList());
    List<List<KeyName>> ofCandidates = store.keyReads.stream()
        .filter(read -> read.stream().anyMatch(candidates::contains)).toList();
    // The others' checks were opened under this instance's cached keys and did not hold Zoë's
    // number: their entries are not read; Zoë's, whose record is opened, is read once, with the
    // entry that marks the index's keys.
    assertEquals(List.of(List.of(KeyName.client(zoe), Indexes.previousKeyName("register"))),
        ofCandidates);
  }

  @Test
  void withoutCachedKeysTheCandidatesKeyEntriesAreReadInOneReadAndAnErasedCandidateIsSkipped() {
    Registration zoes = Registration.parse(Register.GMC, "1234567");
    Set<KeyName> candidates = zoesTermSharedByThree(zoes);
    // One of the others reads as erased (as while another instance erases them, their entries
    // not yet gone): that candidate is skipped, unopened, and nothing fails.
    KeyName erased = candidates.stream().filter(n -> !n.equals(KeyName.client(zoe)))
        .findFirst().orElseThrow();
    store.onKeyRead = e -> e.name().equals(erased)
        ? new io.securerecords.api.store.KeyEntry.Erased(erased, e.version() + 1, Fixtures.CLOCK.instant())
        : e;
    // Another instance over the same store, with nothing cached.
    SecureRecords fresh = anotherInstance();

    store.keyReads.clear();
    SearchResult found = fresh.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu",
        IndexQuery.equal("register", zoes), null, 10);
    assertEquals(List.of(zoeBasic), found.records().stream().map(ReleasedRecord::id).toList());
    List<List<KeyName>> ofCandidates = store.keyReads.stream()
        .filter(read -> read.stream().anyMatch(candidates::contains)).toList();
    assertEquals(List.of(List.copyOf(candidates)), ofCandidates,
        "every candidate client's key entry in one read, and none read again");
  }

  @Test
  void aClientErasedThroughAnotherInstanceIsNotOpenedThoughThisOneCachesTheirKey() {
    Registration zoes = Registration.parse(Register.GMC, "1234567");
    String token = token(ALEX, EnumSet.of(FieldClass.IDENTITY), 2);
    assertEquals(List.of(zoeBasic), ids(records.search(token, "psu",
        IndexQuery.equal("register", zoes), null, 10)));
    // This instance still caches Zoë's key; the store now says she was erased.
    store.onKeyRead = e -> e.name().equals(KeyName.client(zoe))
        ? new io.securerecords.api.store.KeyEntry.Erased(e.name(), e.version() + 1, Fixtures.CLOCK.instant())
        : e;
    SearchResult after = records.search(token, "psu", IndexQuery.equal("register", zoes), null, 10);
    assertEquals(List.of(), after.records());
    // Nothing disclosed, and the search is logged as such.
    assertEquals(1, after.logSequences().size());
  }

  @Test
  void aKeyRotatedAndResealedThroughAnotherInstanceIsPickedUpBySearch() {
    Registration zoes = Registration.parse(Register.GMC, "1234567");
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY),
        1), "psu", IndexQuery.equal("register", zoes), null, 10)));
    // This instance caches Zoë's key; another rotates it and re-seals her records under the new
    // primary (her entries' checks stay sealed under the old key, which the new keyset still
    // holds: checksSealedUnderAKeyRotatedThroughAnotherInstanceAreOpenedUnderTheStoredKey
    // rewrites them too).
    SecureRecords other = anotherInstance();
    other.rotateDataKey(zoe);
    assertEquals(2, other.reseal(zoe));
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY),
        1), "psu", IndexQuery.equal("register", zoes), null, 10)));
  }

  @Test
  void checksSealedUnderAKeyRotatedThroughAnotherInstanceAreOpenedUnderTheStoredKey() {
    Registration zoes = Registration.parse(Register.GMC, "1234567");
    String token = token(ALEX, EnumSet.of(FieldClass.IDENTITY), 2);
    assertEquals(List.of(zoeBasic), ids(records.search(token, "psu",
        IndexQuery.equal("register", zoes), null, 10)));
    // This instance caches Zoë's key; another rotates it and rewrites every index entry, so her
    // entries' checks are sealed under a key this instance's cached keyset does not hold.
    SecureRecords other = anotherInstance();
    other.rotateDataKey(zoe);
    assertTrue(other.reindex() > 0);
    assertEquals(List.of(zoeBasic), ids(records.search(token, "psu",
        IndexQuery.equal("register", zoes), null, 10)));
  }

  @Test
  void aReindexReadsItsPagesKeyEntriesAndTheIndexKeysMarksInOneRead() {
    store.keyReads.clear();
    assertEquals(4, records.reindex());
    List<io.securerecords.api.store.KeyName> expected =
        new java.util.ArrayList<>(records.indexes().marks());
    expected.add(io.securerecords.api.store.KeyName.client(zoe));
    expected.add(io.securerecords.api.store.KeyName.client(ann));
    expected.sort(null);
    assertEquals(List.of(expected), store.keyReads, "one page: one read");
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY),
        1), "psu", IndexQuery.equal("name", "Zoe Smith"), null, 10)));
  }

  @Test
  void aReindexHereOpensRecordsSealedElsewhereUnderARotatedDataKey() {
    assertEquals(1, ids(records.search(token(ALEX, EnumSet.of(FieldClass.SERVICE_USE), 1), "psu",
        IndexQuery.equal("team", Team.IST), null, 10)).size());
    // This instance caches Zoë's key; another rotates it and writes a record under the new key.
    SecureRecords other = anotherInstance();
    other.rotateDataKey(zoe);
    other.put(zoe, CaseworkRecord.builder(Team.IST, "IST-2", LocalDate.of(2026, 5, 6))
        .adviser("Alex Adviser").summary("Second referral.").build());

    records.rotateIndexKey("team");
    assertEquals(5, records.reindex());
    records.finishIndexRotation("team");
    assertEquals(2, ids(records.search(token(ALEX, EnumSet.of(FieldClass.SERVICE_USE), 1), "psu",
        IndexQuery.equal("team", Team.IST), null, 10)).size());
  }

  @Test
  void anIndexKeyRotatedThroughAnotherInstanceIsUsedHereByWritesAndQueries() {
    Set<FieldClass> identity = EnumSet.of(FieldClass.IDENTITY);
    IndexQuery zoes = IndexQuery.equal("register", Registration.parse(Register.GMC, "1234567"));
    // This instance has used the register index's key, to write and to query.
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, identity, 1), "psu", zoes,
        null, 10)));
    // Another instance rotates it, re-indexes every record and destroys the old key.
    SecureRecords other = anotherInstance();
    other.rotateIndexKey("register");
    assertTrue(other.reindex() >= 4);
    // Mid-rotation, queries here use both keys: Zoë's entries are now under the new one only.
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, identity, 1), "psu", zoes,
        null, 10)));
    other.finishIndexRotation("register");

    // A record written here now carries terms under the new key, which the other instance finds
    // (no re-index will come to fix terms written under the destroyed key).
    ClientId sam = ClientId.random();
    RecordId samBasic = records.put(sam, BasicRecord.builder("Sam Jones",
        Registration.parse(Register.GMC, "2345678")).build());
    records.put(sam, CaseworkRecord.builder(Team.IST, "IST-2", LocalDate.of(2026, 3, 5))
        .adviser("Alex Adviser").summary("First meeting.").build());
    IndexQuery sams = IndexQuery.equal("register", Registration.parse(Register.GMC, "2345678"));
    assertEquals(List.of(samBasic), ids(other.search(token(ALEX, identity, 1), "psu", sams, null,
        10)));
    // Queries here use the new key too: Zoë's re-indexed record and Sam's are found.
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, identity, 1), "psu", zoes,
        null, 10)));
    assertEquals(List.of(samBasic), ids(records.search(token(ALEX, identity, 1), "psu", sams, null,
        10)));
  }

  @Test
  void whileAnIndexsKeysAreUnchangedAQueryChecksThemInTheReadThatFollowsItsHits() {
    IndexQuery zoes = IndexQuery.equal("register", Registration.parse(Register.GMC, "1234567"));
    Set<KeyName> indexKeys = Set.of(Indexes.keyName("register"), Indexes.previousKeyName("register"));
    records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu", zoes, null, 10);
    store.keyReads.clear();
    java.util.concurrent.atomic.AtomicInteger readsBeforeHits =
        new java.util.concurrent.atomic.AtomicInteger(-1);
    store.onHitRead = hit -> {
      readsBeforeHits.compareAndSet(-1, store.keyReads.size());
      return hit;
    };
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY),
        1), "psu", zoes, null, 10)));
    // The previous-key entry's version marks every change of the index's keys (a rotation writes
    // both in one write): it is read with the kept record's client's key entry, after the hits,
    // and the keys are not read on their own.
    List<List<KeyName>> ofIndex = store.keyReads.stream()
        .filter(read -> read.stream().anyMatch(indexKeys::contains)).toList();
    assertEquals(List.of(List.copyOf(new java.util.TreeSet<>(
        Set.of(Indexes.previousKeyName("register"), KeyName.client(zoe))))), ofIndex);
    assertTrue(store.keyReads.indexOf(ofIndex.get(0)) >= readsBeforeHits.get(),
        "read after the hits");
  }

  @Test
  void aQueryWithNoHitsUnderHeldIndexKeysStillChecksThem() {
    IndexQuery nobody = IndexQuery.equal("register", Registration.parse(Register.GMC, "7777777"));
    records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu", nobody, null, 10);
    store.keyReads.clear();
    assertTrue(ids(records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu", nobody,
        null, 10)).isEmpty());
    assertTrue(store.keyReads.contains(List.of(Indexes.previousKeyName("register"))));
  }

  @Test
  void entriesCarryingNothingAreReadAndMatchedInFull() {
    // As a store that keeps no carried bytes (or entries written before they existed) answers.
    store.onHitRead = hit -> new TermHit(hit.record(), new byte[0]);
    SearchResult found = records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu",
        IndexQuery.equal("register", Registration.parse(Register.GMC, "1234567")), null, 10);
    assertEquals(List.of(zoeBasic), found.records().stream().map(ReleasedRecord::id).toList());
    assertEquals(List.of(zoeIst), ids(records.search(token(ALEX,
        EnumSet.of(FieldClass.SERVICE_USE, FieldClass.CASE_SUMMARY), 1), "psu",
        IndexQuery.months("opened-month", YearMonth.of(2026, 1), YearMonth.of(2026, 3)), null, 10)));
  }

  @Test
  void alteredOrMovedCarriedChecksAreReportedAsTampered() {
    Registration zoes = Registration.parse(Register.GMC, "1234567");
    String token = token(ALEX, EnumSet.of(FieldClass.IDENTITY), 3);
    // One bit of the sealed checks flipped.
    store.onHitRead = hit -> {
      byte[] carried = hit.carried();
      carried[carried.length - 1] ^= 1;
      return new TermHit(hit.record(), carried);
    };
    assertThrows(TamperedException.class, () -> records.search(token, "psu",
        IndexQuery.equal("register", zoes), null, 10));
    // Zoë's name entry's bytes presented under her register term: bound to another term.
    IndexTerm nameTerm = records.indexes().queryChecks(records.indexes().declared("name"),
        "Zoë Smith").keySet().iterator().next();
    byte[] nameCarried = store.inner.hitsByTerm(nameTerm).get(0).carried();
    store.onHitRead = hit -> new TermHit(hit.record(), nameCarried);
    assertThrows(TamperedException.class, () -> records.search(token, "psu",
        IndexQuery.equal("register", zoes), null, 10));
    // Bytes cut short of a client id.
    store.onHitRead = hit -> new TermHit(hit.record(), new byte[] {40, 'x'});
    assertThrows(TamperedException.class, () -> records.search(token, "psu",
        IndexQuery.equal("register", zoes), null, 10));
  }

  @Test
  void theStoreReceivesEntriesWhoseCarriedBytesHoldNoValue() {
    for (WriteBatch batch : store.received) {
      batch.indexEntries().values().forEach(entries -> entries.forEach(e -> {
        String carried = new String(e.carried(), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String value : List.of("1234567", "Smith", "smith", "2026-03")) {
          assertFalse(carried.contains(value), "an entry carries a value in clear");
        }
      }));
    }
    List<io.securerecords.api.store.IndexEntry> entries = store.received.stream()
        .flatMap(b -> b.indexEntries().values().stream()).flatMap(List::stream).toList();
    // Zoë's and Ann's Basic Records: register, name, email (Ann has none).
    assertEquals(5, entries.stream().filter(e -> e.carried().length > 0).count());
    assertTrue(entries.stream().filter(e -> e.carried().length > 0)
        .allMatch(e -> Set.of("register", "name", "email").contains(e.term().index())));
    // Codes and months are few: their entries carry nothing.
    assertTrue(entries.stream().filter(e -> Set.of("team", "opened-month", "appointment-month")
        .contains(e.term().index())).allMatch(e -> e.carried().length == 0));
    assertTrue(entries.stream().anyMatch(e -> e.term().index().equals("team")));
  }

  @Test
  void aNameSearchFoldsCaseAndAccentsAndOnlyReturnsClientsTheRequesterServes() {
    SearchResult found = records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu",
        IndexQuery.equal("name", "ZOE  smith"), null, 10);
    assertEquals(List.of(zoeBasic), found.records().stream().map(ReleasedRecord::id).toList());
    SearchResult ann = records.search(token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu",
        IndexQuery.equal("name", "Ann Smith"), null, 10);
    assertTrue(ann.records().isEmpty(), "Alex is not on Ann's case");
  }

  @Test
  void aTeamsCasesAMonthsAppointmentsAndKeywords() {
    Set<FieldClass> service = EnumSet.of(FieldClass.SERVICE_USE, FieldClass.CASE_SUMMARY);
    assertEquals(List.of(zoeIst), ids(records.search(token(ALEX, service, 1), "psu",
        IndexQuery.equal("team", Team.IST), null, 10)));
    assertEquals(List.of(zoeIst), ids(records.search(token(ALEX, service, 1), "psu",
        IndexQuery.months("opened-month", YearMonth.of(2026, 1), YearMonth.of(2026, 3)), null, 10)));
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, service, 1), "psu",
        IndexQuery.months("appointment-month", YearMonth.of(2026, 3), YearMonth.of(2026, 3)),
        null, 10)));
    assertEquals(List.of(zoeIst), ids(records.search(token(ALEX, service, 1), "psu",
        IndexQuery.allWords("summary-words", "exam", "ROTA"), null, 10)));
    assertTrue(ids(records.search(token(ALEX, service, 1), "psu",
        IndexQuery.allWords("summary-words", "exam", "retake"), null, 10)).isEmpty());
  }

  @Test
  void searchesArePagedByRecordIdAndEachPageIsLogged() {
    ClientId many = ClientId.random();
    for (int i = 0; i < 5; i++) {
      records.put(many, CaseworkRecord.builder(Team.IST, "IST-" + i, LocalDate.of(2026, 3, 1))
          .adviser("Alex Adviser").build());
    }
    String token = token(ALEX, EnumSet.of(FieldClass.SERVICE_USE), 10);
    long before = store.logSize();
    SearchResult first = records.search(token, "psu", IndexQuery.equal("team", "ist"), null, 4);
    SearchResult second = records.search(token, "psu", IndexQuery.equal("team", "ist"), first.next(), 4);
    assertEquals(4, first.records().size());
    assertEquals(2, second.records().size());
    assertNull(second.next());
    List<RecordId> all = new java.util.ArrayList<>(ids(first));
    all.addAll(ids(second));
    assertEquals(all.stream().sorted().toList(), all);
    assertEquals(6, Set.copyOf(all).size());
    assertTrue(store.logSize() >= before + 2);
    assertTrue(records.verifyLog(Checkpoint.EMPTY).intact());
  }

  @Test
  void aSearchNeedsAPurposeThatMaySearchAndAKnownIndex() {
    String advice = records.decide(records.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.INTERNAL_ADVICE).audience("psu")
        .requester(new Requester("Cat", "CAREERS", "Adviser", "c@hee")).reason("r")
        .fieldClasses(EnumSet.of(FieldClass.CASE_SUMMARY)).build(), ALEX);
    assertThrows(RefusedException.class, () -> records.search(advice, "psu",
        IndexQuery.equal("team", Team.IST), null, 10));
    assertThrows(InvalidInputException.class, () -> records.search(
        token(ALEX, EnumSet.of(FieldClass.IDENTITY), 1), "psu",
        IndexQuery.equal("no-such-index", "x"), null, 10));
  }

  @Test
  void theStoreNeverReceivesAnIndexedValue() {
    for (String value : List.of("Zoë Smith", "zoe smith", "1234567", "zoe.smith@nhs.net", "anxiety",
        "2026-03")) {
      byte[] needle = value.getBytes(StandardCharsets.UTF_8);
      for (var batch : store.received) {
        batch.indexTerms().values().forEach(terms -> terms.forEach(t ->
            assertEquals(-1, SealingProperties.indexOf(t.term(), needle), value)));
        for (var put : batch.recordPuts()) {
          put.record().fields().forEach(f ->
              assertEquals(-1, SealingProperties.indexOf(f.ciphertext(), needle), value));
        }
      }
    }
    assertFalse(store.received.stream().allMatch(b -> b.indexTerms().isEmpty()));
  }

  @Test
  void rotatingAnIndexKeyKeepsQueriesRightThroughoutTheReindex() {
    Set<FieldClass> id = EnumSet.of(FieldClass.IDENTITY);
    IndexQuery query = IndexQuery.equal("register", Registration.parse(Register.GMC, "1234567"));
    records.rotateIndexKey("register");
    // Before the re-index every record still carries old terms: found through the previous key.
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, id, 1), "psu", query, null, 10)));
    assertTrue(records.reindex() >= 4);
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, id, 1), "psu", query, null, 10)));
    records.finishIndexRotation("register");
    assertEquals(List.of(zoeBasic), ids(records.search(token(ALEX, id, 1), "psu", query, null, 10)));
    assertThrows(io.securerecords.api.error.ConflictException.class, () -> {
      records.rotateIndexKey("register");
      records.rotateIndexKey("register");
    });
  }

  @Test
  void aCompoundIndexDeclaredOnTheBuilderMatchesOnlyTheWholeCombination() {
    SecureRecords custom = SecureRecords.builder().store(new io.securerecords.api.store.InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).withoutPsuIndexes()
        .index("psu.basic", io.securerecords.api.index.IndexSpec.compound("name-employer", 8,
            io.securerecords.api.index.IndexField.name("fullName"),
            io.securerecords.api.index.IndexField.name("employer")))
        .build();
    ClientId a = ClientId.random();
    RecordId wanted = custom.put(a, BasicRecord.builder("Ann Smith",
        Registration.parse(Register.GMC, "1000001")).employer("St Elsewhere").build());
    custom.put(ClientId.random(), BasicRecord.builder("Ann Smith",
        Registration.parse(Register.GMC, "1000002")).employer("Royal Infirmary").build());
    custom.put(ClientId.random(), BasicRecord.builder("Bob Jones",
        Registration.parse(Register.GMC, "1000003")).employer("St Elsewhere").build());
    String token = custom.decide(custom.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.LEGAL_OBLIGATION).audience("court")
        .requester(new Requester("Clerk", "Court", "Clerk", "c@court")).reason("order")
        .legalReference("Order 2").approval(new io.securerecords.crypto.token.Approval("Grace",
            SecureRecords.CALDICOTT_GUARDIAN))
        .fieldClasses(EnumSet.of(FieldClass.IDENTITY)).build(), ALEX);
    assertEquals(List.of(wanted), ids(custom.search(token, "court",
        IndexQuery.equal("name-employer", "ann smith", "ST ELSEWHERE"), null, 10)));
    assertEquals(Set.of("name-employer"), custom.indexNames());
  }

  @Test
  void anIndexDeclaredInASchemaBuiltInCodeIsSearchable() {
    io.securerecords.api.schema.RecordSchema notes = io.securerecords.api.schema.RecordSchema
        .builder("hee.note")
        .required("author", FieldClass.IDENTITY)
        .field("text", FieldClass.CASE_SUMMARY)
        .index(io.securerecords.api.index.IndexSpec.of("author", io.securerecords.api.index.IndexKind.NAME,
            "author", 8))
        .build();
    SecureRecords custom = SecureRecords.inMemory(notes);
    ClientId c = ClientId.random();
    RecordId wanted = custom.put(c, notes.type(), java.util.Map.of("author", "Dr Ní Bhriain", "text", "t"));
    custom.put(c, notes.type(), java.util.Map.of("author", "Dr Someone Else", "text", "t"));
    String token = custom.decide(custom.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.SAFETY_RISK).audience("psu").requester(ALEX).reason("risk to patients")
        .approval(new io.securerecords.crypto.token.Approval("Head", SecureRecords.HEAD_OF_PSU))
        .fieldClasses(EnumSet.of(FieldClass.IDENTITY)).build(), ALEX);
    assertEquals(List.of(wanted), ids(custom.search(token, "psu",
        IndexQuery.equal("author", "DR NÍ BHRIAIN"), null, 10)));
    assertThrows(InvalidInputException.class, () -> notes.withIndexes(
        io.securerecords.api.index.IndexSpec.of("missing", io.securerecords.api.index.IndexKind.NAME,
            "nosuchfield", 8)));
  }

  /** Another instance over the same store and KEK, with nothing cached. */
  private SecureRecords anotherInstance() {
    return SecureRecords.builder().store(store).kek(kek).clock(Fixtures.CLOCK)
        .expectedClients(16).keywordIndex().build();
  }

  private static List<RecordId> ids(SearchResult result) {
    return result.records().stream().map(ReleasedRecord::id).toList();
  }
}
