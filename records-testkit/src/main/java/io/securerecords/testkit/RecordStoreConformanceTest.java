package io.securerecords.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.TermHit;
import io.securerecords.api.store.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The conformance suite every {@link RecordStore} must pass, after Lucene's {@code
 * BaseDirectoryTestCase}: a store's own test extends this class and implements {@link
 * #newStore()}.
 *
 * <p>Each group of tests checks one clause of the {@link RecordStore} contract:
 *
 * <ul>
 *   <li><b>Round trips</b>: records, key entries (wrapped and erased), index terms and log entries
 *       read back byte for byte, with nanosecond timestamps and empty arrays kept empty.
 *   <li><b>Versions</b>: optimistic concurrency on records and keys (0 = must not exist, new =
 *       expected + 1); stale, early and duplicate writes conflict and change nothing.
 *   <li><b>Atomicity</b>: a batch in which any one part conflicts (record put, record delete,
 *       index terms, key put, log append, token use) writes none of its other parts.
 *   <li><b>Index terms</b>: replacement of a record's whole term set, removal on delete, ordering
 *       by record id, and matching on the exact index name and bytes; each entry's carried bytes
 *       come back with its term's hits exactly as written, and go with the entry.
 *   <li><b>Listing</b>: {@code recordIds} and {@code keyNames} page in ordinal order with {@code
 *       after} cursors; {@code records(client)} returns only that client's records.
 *   <li><b>Log</b>: appends take the next sequence exactly; gaps and duplicates conflict; ranges
 *       read back in order.
 *   <li><b>Token uses</b>: counted per token up to each use's limit, across and within batches.
 *   <li><b>Concurrency</b>: racing writers of one token, record or log position have exactly one
 *       winner per use; writers of different records all land.
 * </ul>
 *
 * <p>Values come from {@link StoreFixtures}; the seed of each test is published through the
 * {@link TestReporter}, so a failure can be repeated.
 */
public abstract class RecordStoreConformanceTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 20;

  /** The store under test; fresh and empty for each test. */
  protected RecordStore store;

  /** Random values for this test. */
  protected StoreFixtures fixtures;

  /** A new, empty store. Called once before each test. */
  protected abstract RecordStore newStore();

  /** Closes a store made by {@link #newStore()}; override to also drop its tables or files. */
  protected void closeStore(RecordStore store) {
    store.close();
  }

  @BeforeEach
  void openStore(TestReporter reporter) {
    fixtures = StoreFixtures.random();
    reporter.publishEntry("fixtures", fixtures.toString());
    store = newStore();
  }

  @AfterEach
  void releaseStore() {
    if (store != null) {
      closeStore(store);
    }
  }

  // ---------------------------------------------------------------- round trips

  /** Records, keys, terms and log entries come back exactly as written. */
  @Nested
  class RoundTrip {

    @Test
    void aRecordReadsBackByteForByte() {
      SealedRecord record = fixtures.sealedRecord();
      write(b -> b.putRecord(record, 0));

      SealedRecord read = store.record(record.id()).orElseThrow();
      assertEquals(record, read);
      assertEquals(record.id(), read.id());
      assertEquals(record.type(), read.type());
      assertEquals(record.client(), read.client());
      assertEquals(1, read.version());
      assertEquals(record.created(), read.created());
      assertEquals(record.updated(), read.updated());
      assertEquals(record.format(), read.format());
      assertEquals(record.fields().size(), read.fields().size());
      for (int i = 0; i < record.fields().size(); i++) {
        assertEquals(record.fields().get(i).name(), read.fields().get(i).name(), "field order");
        assertArrayEquals(record.fields().get(i).ciphertext(), read.fields().get(i).ciphertext());
      }
      assertArrayEquals(record.mac(), read.mac());
    }

    @Test
    void timestampsKeepTheirNanoseconds() {
      Instant created = Instant.parse("2031-02-03T04:05:06.123456789Z");
      Instant updated = Instant.parse("2031-02-03T04:05:06.123456790Z");
      SealedRecord base = fixtures.sealedRecord();
      SealedRecord record = new SealedRecord(base.id(), base.type(), base.client(), 1, created,
          updated, base.format(), base.fields(), base.mac());
      write(b -> b.putRecord(record, 0));

      SealedRecord read = store.record(record.id()).orElseThrow();
      assertEquals(created, read.created());
      assertEquals(updated, read.updated());
    }

    @Test
    void everyByteValueAndEmptyAndLargeArraysSurvive() {
      byte[] allValues = new byte[256];
      for (int i = 0; i < 256; i++) {
        allValues[i] = (byte) i;
      }
      List<SealedField> fields = List.of(
          new SealedField("all", allValues),
          new SealedField("empty", new byte[0]),
          new SealedField("zeros", new byte[33]),
          new SealedField("large", fixtures.bytes(256 * 1024)));
      SealedRecord base = fixtures.sealedRecord();
      SealedRecord record = new SealedRecord(base.id(), base.type(), base.client(), 1,
          base.created(), base.updated(), base.format(), fields, fixtures.bytes(32));
      write(b -> b.putRecord(record, 0));

      List<SealedField> read = store.record(record.id()).orElseThrow().fields();
      assertEquals(List.of("all", "empty", "zeros", "large"),
          read.stream().map(SealedField::name).toList());
      for (int i = 0; i < fields.size(); i++) {
        assertArrayEquals(fields.get(i).ciphertext(), read.get(i).ciphertext(), fields.get(i).name());
      }
    }

    @Test
    void aRecordWithAnEmptyMacReadsBackWithAnEmptyMac() {
      SealedRecord base = fixtures.sealedRecord();
      SealedRecord record = new SealedRecord(base.id(), base.type(), base.client(), 1,
          base.created(), base.updated(), base.format(), base.fields(), new byte[0]);
      write(b -> b.putRecord(record, 0));

      SealedRecord read = store.record(record.id()).orElseThrow();
      assertEquals(record, read);
      assertEquals(0, read.mac().length);
    }

    @Test
    void aRecordWithoutFieldsReadsBackWithoutFields() {
      SealedRecord base = fixtures.sealedRecord();
      SealedRecord record = new SealedRecord(base.id(), base.type(), base.client(), 1,
          base.created(), base.updated(), base.format(), List.of(), base.mac());
      write(b -> b.putRecord(record, 0));

      assertEquals(record, store.record(record.id()).orElseThrow());
    }

    @Test
    void anAbsentRecordIsEmptyNotAnError() {
      assertEquals(Optional.empty(), store.record(fixtures.recordId()));
      assertEquals(List.of(), store.records(fixtures.clientId()));
      assertEquals(List.of(), store.recordIds(null, 10));
      assertEquals(Optional.empty(), store.key(fixtures.keyName()));
      assertEquals(List.of(), store.keyNames(null, 10));
      assertEquals(List.of(), store.findByTerm(fixtures.term("surname")));
      assertEquals(List.of(), store.log(0, 10));
      assertEquals(0, store.logSize());
      assertEquals(0, store.tokenUses(fixtures.tokenId()));
    }

    @Test
    void aWrappedKeyReadsBackByteForByte() {
      KeyName name = KeyName.client(fixtures.clientId());
      KeyEntry.Wrapped key = fixtures.wrappedKey(name, 1);
      write(b -> b.putKey(key, 0));

      KeyEntry read = store.key(name).orElseThrow();
      KeyEntry.Wrapped wrapped = assertInstanceOf(KeyEntry.Wrapped.class, read);
      assertEquals(name, wrapped.name());
      assertEquals(1, wrapped.version());
      assertArrayEquals(key.wrapped(), wrapped.wrapped());
    }

    @Test
    void anErasedKeyEntryReadsBackAsErased() {
      KeyName name = KeyName.client(fixtures.clientId());
      write(b -> b.putKey(fixtures.wrappedKey(name, 1), 0));
      KeyEntry.Erased erased = new KeyEntry.Erased(name, 2, Instant.parse("2030-01-01T00:00:00.000000001Z"));
      write(b -> b.putKey(erased, 1));

      KeyEntry read = store.key(name).orElseThrow();
      assertEquals(erased, assertInstanceOf(KeyEntry.Erased.class, read));
      assertEquals(List.of(name), store.keyNames(null, 10));
    }

    @Test
    void anErasedKeyEntryCanBeTheFirstEntry() {
      KeyName name = KeyName.system(fixtures.name());
      KeyEntry.Erased erased = fixtures.erasedKey(name, 1);
      write(b -> b.putKey(erased, 0));

      assertEquals(Optional.of(erased), store.key(name));
    }

    @Test
    void manyKeysAreReadTogetherInNameOrderLeavingOutTheNamesNotHeld() {
      // More names than one query of a store may take: clients' and system keys, erased
      // entries, and names ordered only by String.compareTo ("client:B1" < "client:a1").
      List<KeyEntry> held = new ArrayList<>();
      Set<KeyName> asked = new HashSet<>();
      for (int i = 0; i < 230; i++) {
        KeyName name = i % 3 == 0 ? KeyName.system("k" + i)
            : KeyName.client(ClientId.of((i % 2 == 0 ? "B" : "a") + i));
        if (!asked.add(name)) {
          continue;
        }
        if (i % 7 == 0) {
          continue; // asked for, never written
        }
        held.add(i % 11 == 0 ? fixtures.erasedKey(name, 1) : fixtures.wrappedKey(name, 1));
      }
      write(b -> held.forEach(k -> b.putKey(k, 0)));
      held.sort(java.util.Comparator.comparing(KeyEntry::name));

      assertEquals(held, store.keys(asked));
      assertEquals(List.of(), store.keys(Set.of()));
      assertEquals(List.of(), store.keys(Set.of(fixtures.keyName())));
      KeyEntry one = held.get(held.size() / 2);
      assertEquals(List.of(one), store.keys(Set.of(one.name())));
      assertThrows(NullPointerException.class, () -> store.keys(null));
    }

    @Test
    void termsOfEveryLengthAreFoundByTheirExactBytes() {
      RecordId id = putRecord(fixtures.sealedRecord()).id();
      List<IndexTerm> terms = new ArrayList<>();
      for (int length = 1; length <= 64; length++) {
        terms.add(new IndexTerm("surname", fixtures.bytes(length)));
      }
      write(b -> b.indexTerms(id, terms));

      for (IndexTerm term : terms) {
        assertEquals(List.of(id), store.findByTerm(term), term.toString());
      }
    }

    @Test
    void logEntriesReadBackByteForByte() {
      List<LogEntry> entries = List.of(fixtures.logEntry(0), fixtures.logEntry(1),
          new LogEntry(2, new byte[0]), fixtures.logEntry(3));
      write(b -> entries.forEach(b::appendLog));

      List<LogEntry> read = store.log(0, 10);
      assertEquals(entries, read);
      for (int i = 0; i < entries.size(); i++) {
        assertArrayEquals(entries.get(i).sealed(), read.get(i).sealed());
      }
    }

    @Test
    void anEmptyBatchChangesNothing() {
      SealedRecord record = putRecord(fixtures.sealedRecord());
      StoreSnapshot before = snapshot(Set.of(record.client()), Set.of(), Set.of());

      store.write(WriteBatch.builder().build());

      assertEquals(before, snapshot(Set.of(record.client()), Set.of(), Set.of()));
    }
  }

  // ---------------------------------------------------------------- versions

  /** Optimistic concurrency on records and keys. */
  @Nested
  class Versions {

    @Test
    void aNewRecordMustNotExistYet() {
      SealedRecord first = putRecord(fixtures.sealedRecord());
      SealedRecord other = fixtures.sealedRecord(first.id(), first.client(), 1);

      assertConflict(b -> b.putRecord(other, 0));
      assertEquals(Optional.of(first), store.record(first.id()));
    }

    @Test
    void anUpdateReplacesTheCurrentVersionAndCountsUp() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      SealedRecord v2 = fixtures.nextVersion(v1);
      write(b -> b.putRecord(v2, 1));
      SealedRecord v3 = fixtures.nextVersion(v2);
      write(b -> b.putRecord(v3, 2));

      assertEquals(Optional.of(v3), store.record(v1.id()));
      assertEquals(3, store.record(v1.id()).orElseThrow().version());
    }

    @Test
    void aStaleUpdateConflictsAndChangesNothing() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      SealedRecord v2 = fixtures.nextVersion(v1);
      write(b -> b.putRecord(v2, 1));

      SealedRecord lostUpdate = fixtures.nextVersion(v1);
      assertConflict(b -> b.putRecord(lostUpdate, 1));
      assertEquals(Optional.of(v2), store.record(v1.id()));
    }

    @Test
    void anUpdateFromAVersionNotYetWrittenConflicts() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      SealedRecord ahead = fixtures.sealedRecord(v1.id(), v1.client(), 5);

      assertConflict(b -> b.putRecord(ahead, 4));
      assertEquals(Optional.of(v1), store.record(v1.id()));
    }

    @Test
    void anUpdateOfARecordNotHeldConflicts() {
      SealedRecord v2 = fixtures.sealedRecord(fixtures.recordId(), fixtures.clientId(), 2);

      assertConflict(b -> b.putRecord(v2, 1));
      assertEquals(Optional.empty(), store.record(v2.id()));
    }

    @Test
    void aRecordCannotMoveToAnotherClient() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      SealedRecord moved = fixtures.sealedRecord(v1.id(), fixtures.clientId(), 2);

      assertConflict(b -> b.putRecord(moved, 1));
      assertEquals(Optional.of(v1), store.record(v1.id()));
      assertEquals(List.of(), store.records(moved.client()));
    }

    @Test
    void aDeleteNeedsTheCurrentVersion() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      SealedRecord v2 = fixtures.nextVersion(v1);
      write(b -> b.putRecord(v2, 1));

      assertConflict(b -> b.deleteRecord(v1.id(), 1));
      assertConflict(b -> b.deleteRecord(v1.id(), 3));
      assertEquals(Optional.of(v2), store.record(v1.id()));

      write(b -> b.deleteRecord(v1.id(), 2));
      assertEquals(Optional.empty(), store.record(v1.id()));
      assertEquals(List.of(), store.records(v1.client()));
      assertEquals(List.of(), store.recordIds(null, 10));
    }

    @Test
    void deletingARecordNotHeldConflicts() {
      RecordId absent = fixtures.recordId();

      assertConflict(b -> b.deleteRecord(absent, 0));
      assertConflict(b -> b.deleteRecord(absent, 1));
    }

    @Test
    void aDeletedRecordCanBeCreatedAgainFromVersionZero() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      write(b -> b.deleteRecord(v1.id(), 1));
      SealedRecord again = fixtures.sealedRecord(v1.id(), v1.client(), 1);

      assertConflict(b -> b.putRecord(fixtures.sealedRecord(v1.id(), v1.client(), 2), 1));
      write(b -> b.putRecord(again, 0));
      assertEquals(Optional.of(again), store.record(v1.id()));
    }

    @Test
    void aRecordWrittenTwiceInOneBatchConflicts() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      SealedRecord v2 = fixtures.nextVersion(v1);
      SealedRecord other = fixtures.sealedRecord();

      assertConflict(b -> b.putRecord(other, 0).putRecord(fixtures.sealedRecord(other.id(), other.client(), 1), 0));
      assertConflict(b -> b.putRecord(v2, 1).deleteRecord(v1.id(), 1));
      assertEquals(Optional.of(v1), store.record(v1.id()));
      assertEquals(Optional.empty(), store.record(other.id()));
    }

    @Test
    void aNewKeyMustNotExistYet() {
      KeyName name = fixtures.keyName();
      KeyEntry.Wrapped first = fixtures.wrappedKey(name, 1);
      write(b -> b.putKey(first, 0));

      assertConflict(b -> b.putKey(fixtures.wrappedKey(name, 1), 0));
      assertEquals(Optional.of(first), store.key(name));
    }

    @Test
    void aKeyUpdateNeedsTheCurrentVersion() {
      KeyName name = fixtures.keyName();
      write(b -> b.putKey(fixtures.wrappedKey(name, 1), 0));
      KeyEntry.Wrapped v2 = fixtures.wrappedKey(name, 2);
      write(b -> b.putKey(v2, 1));

      assertConflict(b -> b.putKey(fixtures.wrappedKey(name, 2), 1));
      assertConflict(b -> b.putKey(fixtures.erasedKey(name, 4), 3));
      assertEquals(Optional.of(v2), store.key(name));

      KeyEntry.Erased v3 = fixtures.erasedKey(name, 3);
      write(b -> b.putKey(v3, 2));
      assertEquals(Optional.of(v3), store.key(name));
    }

    @Test
    void anUpdateOfAKeyNotHeldConflicts() {
      KeyName name = fixtures.keyName();

      assertConflict(b -> b.putKey(fixtures.wrappedKey(name, 2), 1));
      assertEquals(Optional.empty(), store.key(name));
    }

    @Test
    void aKeyWrittenTwiceInOneBatchConflicts() {
      KeyName name = fixtures.keyName();

      assertConflict(b -> b.putKey(fixtures.wrappedKey(name, 1), 0).putKey(fixtures.wrappedKey(name, 2), 1));
      assertEquals(Optional.empty(), store.key(name));
    }
  }

  // ---------------------------------------------------------------- atomicity

  /** The kinds of batch part that can conflict. */
  public enum ConflictingPart {
    RECORD_PUT, RECORD_DELETE, INDEX_TERMS, KEY_PUT, LOG_APPEND, TOKEN_USE
  }

  /**
   * A batch with valid parts of every kind plus one conflicting part writes nothing; the same
   * batch without that part then writes everything.
   */
  @ParameterizedTest
  @EnumSource(ConflictingPart.class)
  void aBatchWithOneConflictingPartWritesNoneOfItsParts(ConflictingPart part) {
    // What is held before: records held, stale and doomed; keys; two log entries; used tokens.
    SealedRecord held = putRecord(fixtures.sealedRecord());
    IndexTerm heldTerm = fixtures.term("surname");
    write(b -> b.indexTerms(held.id(), List.of(heldTerm)));
    SealedRecord doomed = putRecord(fixtures.sealedRecord(held.client()));
    IndexTerm doomedTerm = fixtures.term("dob");
    write(b -> b.indexTerms(doomed.id(), List.of(doomedTerm)));
    SealedRecord stale = putRecord(fixtures.sealedRecord());
    write(b -> b.putRecord(fixtures.nextVersion(stale), 1));
    KeyName heldKey = KeyName.client(held.client());
    KeyName otherKey = KeyName.system(fixtures.name());
    write(b -> b.putKey(fixtures.wrappedKey(heldKey, 1), 0).putKey(fixtures.wrappedKey(otherKey, 1), 0));
    write(b -> b.appendLog(fixtures.logEntry(0)).appendLog(fixtures.logEntry(1)));
    String token = fixtures.tokenId();
    String usedUp = fixtures.tokenId();
    write(b -> b.useToken(token, 5).useToken(usedUp, 1));

    // The valid parts: one of every kind.
    SealedRecord created = fixtures.sealedRecord(fixtures.clientId());
    IndexTerm createdTerm = fixtures.term("surname");
    SealedRecord updated = fixtures.nextVersion(held);
    IndexTerm updatedTerm = fixtures.term("surname");
    KeyName newKey = KeyName.system(fixtures.name() + ".new");
    KeyEntry.Wrapped rewrapped = fixtures.wrappedKey(heldKey, 2);
    KeyEntry.Wrapped added = fixtures.wrappedKey(newKey, 1);
    LogEntry log2 = fixtures.logEntry(2);
    LogEntry log3 = fixtures.logEntry(3);
    String newToken = fixtures.tokenId() + ".new";
    Consumer<WriteBatch.Builder> valid = b -> b
        .putRecord(created, 0)
        .putRecord(updated, 1)
        .deleteRecord(doomed.id(), 1)
        .indexTerms(created.id(), List.of(createdTerm))
        .indexTerms(updated.id(), List.of(updatedTerm))
        .putKey(rewrapped, 1)
        .putKey(added, 0)
        .appendLog(log2)
        .appendLog(log3)
        .useToken(token, 5)
        .useToken(newToken, 1);
    Consumer<WriteBatch.Builder> conflicting = switch (part) {
      case RECORD_PUT -> b -> b.putRecord(fixtures.nextVersion(stale), 1);
      case RECORD_DELETE -> b -> b.deleteRecord(stale.id(), 1);
      case INDEX_TERMS -> b -> b.indexTerms(fixtures.recordId(), List.of(fixtures.term("surname")));
      case KEY_PUT -> b -> b.putKey(fixtures.wrappedKey(otherKey, 1), 0);
      case LOG_APPEND -> b -> b.appendLog(fixtures.logEntry(5));
      case TOKEN_USE -> b -> b.useToken(usedUp, 1);
    };

    Set<ClientId> clients = Set.of(held.client(), created.client(), stale.client());
    Set<IndexTerm> terms = Set.of(heldTerm, doomedTerm, createdTerm, updatedTerm);
    Set<String> tokens = Set.of(token, usedUp, newToken);
    StoreSnapshot before = snapshot(clients, terms, tokens);

    assertConflict(valid.andThen(conflicting));
    assertEquals(before, snapshot(clients, terms, tokens), "a conflicting batch changed the store");

    write(valid);
    StoreSnapshot after = snapshot(clients, terms, tokens);
    assertNotEquals(before, after);
    assertEquals(Optional.of(created), store.record(created.id()));
    assertEquals(Optional.of(updated), store.record(held.id()));
    assertEquals(Optional.empty(), store.record(doomed.id()));
    assertEquals(List.of(created.id()), store.findByTerm(createdTerm));
    assertEquals(List.of(held.id()), store.findByTerm(updatedTerm));
    assertEquals(List.of(), store.findByTerm(heldTerm));
    assertEquals(List.of(), store.findByTerm(doomedTerm));
    assertEquals(Optional.of(rewrapped), store.key(heldKey));
    assertEquals(Optional.of(added), store.key(newKey));
    assertEquals(4, store.logSize());
    assertEquals(List.of(log2, log3), store.log(2, 10));
    assertEquals(2, store.tokenUses(token));
    assertEquals(1, store.tokenUses(newToken));
    assertEquals(1, store.tokenUses(usedUp));
  }

  // ---------------------------------------------------------------- index terms

  /** Term sets: replacement, removal with the record, ordering and exact matching. */
  @Nested
  class IndexTerms {

    @Test
    void indexTermsReplaceTheRecordsWholeTermSet() {
      RecordId id = putRecord(fixtures.sealedRecord()).id();
      IndexTerm a = fixtures.term("surname");
      IndexTerm b = fixtures.term("surname");
      IndexTerm c = fixtures.term("dob");
      write(w -> w.indexTerms(id, List.of(a, b)));
      write(w -> w.indexTerms(id, List.of(b, c)));

      assertEquals(List.of(), store.findByTerm(a));
      assertEquals(List.of(id), store.findByTerm(b));
      assertEquals(List.of(id), store.findByTerm(c));
    }

    @Test
    void anEmptyTermListClearsTheRecordsTerms() {
      RecordId id = putRecord(fixtures.sealedRecord()).id();
      IndexTerm a = fixtures.term("surname");
      write(w -> w.indexTerms(id, List.of(a)));
      write(w -> w.indexTerms(id, List.of()));

      assertEquals(List.of(), store.findByTerm(a));
      assertTrue(store.record(id).isPresent());
    }

    @Test
    void replacingOneRecordsTermsLeavesOtherRecordsTerms() {
      RecordId first = putRecord(fixtures.sealedRecord()).id();
      RecordId second = putRecord(fixtures.sealedRecord()).id();
      IndexTerm shared = fixtures.term("surname");
      write(w -> w.indexTerms(first, List.of(shared)).indexTerms(second, List.of(shared)));
      write(w -> w.indexTerms(first, List.of()));

      assertEquals(List.of(second), store.findByTerm(shared));
    }

    @Test
    void anUpdateWithoutTermsKeepsTheRecordsTerms() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      IndexTerm a = fixtures.term("surname");
      write(w -> w.indexTerms(v1.id(), List.of(a)));
      write(w -> w.putRecord(fixtures.nextVersion(v1), 1));

      assertEquals(List.of(v1.id()), store.findByTerm(a));
    }

    @Test
    void deletingARecordRemovesItsTerms() {
      SealedRecord record = putRecord(fixtures.sealedRecord());
      IndexTerm a = fixtures.term("surname");
      IndexTerm b = fixtures.term("dob");
      write(w -> w.indexTerms(record.id(), List.of(a, b)));
      write(w -> w.deleteRecord(record.id(), 1));

      assertEquals(List.of(), store.findByTerm(a));
      assertEquals(List.of(), store.findByTerm(b));

      // A record created again under the same id does not inherit the old terms.
      write(w -> w.putRecord(fixtures.sealedRecord(record.id(), record.client(), 1), 0));
      assertEquals(List.of(), store.findByTerm(a));
    }

    @Test
    void termsCanBeWrittenWithTheRecordInOneBatch() {
      SealedRecord record = fixtures.sealedRecord();
      IndexTerm a = fixtures.term("surname");
      write(w -> w.putRecord(record, 0).indexTerms(record.id(), List.of(a)));

      assertEquals(List.of(record.id()), store.findByTerm(a));
    }

    @Test
    void termsForARecordNotHeldConflict() {
      IndexTerm a = fixtures.term("surname");

      assertConflict(w -> w.indexTerms(fixtures.recordId(), List.of(a)));
      assertEquals(List.of(), store.findByTerm(a));
    }

    @Test
    void termsForARecordDeletedInTheSameBatchConflict() {
      SealedRecord record = putRecord(fixtures.sealedRecord());
      IndexTerm a = fixtures.term("surname");

      assertConflict(w -> w.deleteRecord(record.id(), 1).indexTerms(record.id(), List.of(a)));
      assertEquals(Optional.of(record), store.record(record.id()));
      assertEquals(List.of(), store.findByTerm(a));
    }

    @Test
    void findByTermOrdersRecordsById() {
      IndexTerm shared = fixtures.term("surname");
      List<RecordId> ids = fixtures.distinctRecordIds(30);
      ClientId client = fixtures.clientId();
      for (RecordId id : ids) {
        write(w -> w.putRecord(fixtures.sealedRecord(id, client, 1), 0).indexTerms(id, List.of(shared)));
      }

      assertEquals(sorted(ids), store.findByTerm(shared));
      assertEquals(sorted(ids), store.recordsByTerm(shared).stream().map(SealedRecord::id).toList());
    }

    @Test
    void recordsByTermReadsTheHeldRecordsWholeAndOnlyThose() {
      IndexTerm shared = fixtures.term("surname");
      IndexTerm other = fixtures.term("surname");
      ClientId client = fixtures.clientId();
      SealedRecord a = putRecord(fixtures.sealedRecord(fixtures.recordId(), client, 1));
      SealedRecord b = putRecord(fixtures.sealedRecord(fixtures.recordId(), client, 1));
      SealedRecord c = putRecord(fixtures.sealedRecord(fixtures.recordId(), client, 1));
      write(w -> w.indexTerms(a.id(), List.of(shared)).indexTerms(b.id(), List.of(shared, other))
          .indexTerms(c.id(), List.of(other)));
      SealedRecord bNext = fixtures.sealedRecord(b.id(), client, 2);
      write(w -> w.putRecord(bNext, 1).deleteRecord(a.id(), 1));

      assertEquals(List.of(bNext), store.recordsByTerm(shared));
      assertEquals(sorted(List.of(b.id(), c.id())),
          store.recordsByTerm(other).stream().map(SealedRecord::id).toList());
      assertEquals(List.of(), store.recordsByTerm(fixtures.term("dob")));
    }

    @Test
    void hitsCarryEachEntrysBytesExactlyAsWrittenInRecordIdOrder() {
      IndexTerm shared = fixtures.term("surname");
      IndexTerm other = fixtures.term("dob");
      ClientId client = fixtures.clientId();
      List<RecordId> ids = sorted(fixtures.distinctRecordIds(12));
      Map<RecordId, byte[]> carried = new LinkedHashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        RecordId id = ids.get(i);
        // Lengths 0 (nothing carried), 1, ..., and the largest allowed.
        byte[] bytes = fixtures.bytes(i == ids.size() - 1 ? IndexEntry.MAX_CARRIED : i * 7);
        carried.put(id, bytes);
        write(w -> w.putRecord(fixtures.sealedRecord(id, client, 1), 0).indexEntries(id,
            List.of(new IndexEntry(shared, bytes), new IndexEntry(other, new byte[] {(byte) 1}))));
      }

      List<TermHit> expected = new ArrayList<>();
      carried.forEach((id, bytes) -> expected.add(new TermHit(id, bytes)));
      assertEquals(expected, store.hitsByTerm(shared));
      assertEquals(ids, store.hitsByTerm(other).stream().map(TermHit::record).toList());
      assertTrue(store.hitsByTerm(other).stream()
          .allMatch(h -> java.util.Arrays.equals(new byte[] {(byte) 1}, h.carried())));
      assertEquals(List.of(), store.hitsByTerm(fixtures.term("surname")));
    }

    @Test
    void aBareTermHitsWithNothingCarried() {
      RecordId id = putRecord(fixtures.sealedRecord()).id();
      IndexTerm a = fixtures.term("surname");
      write(w -> w.indexTerms(id, List.of(a)));

      assertEquals(List.of(new TermHit(id, new byte[0])), store.hitsByTerm(a));
    }

    @Test
    void replacingEntriesReplacesWhatTheyCarry() {
      RecordId id = putRecord(fixtures.sealedRecord()).id();
      IndexTerm a = fixtures.term("surname");
      IndexTerm b = fixtures.term("dob");
      byte[] first = fixtures.bytes(40);
      byte[] second = fixtures.bytes(41);
      write(w -> w.indexEntries(id, List.of(new IndexEntry(a, first), new IndexEntry(b, first))));
      write(w -> w.indexEntries(id, List.of(new IndexEntry(a, second))));

      assertEquals(List.of(new TermHit(id, second)), store.hitsByTerm(a));
      assertEquals(List.of(), store.hitsByTerm(b));
      write(w -> w.indexTerms(id, List.of(a)));
      assertEquals(List.of(new TermHit(id, new byte[0])), store.hitsByTerm(a));
    }

    @Test
    void anUpdateWithoutTermsKeepsWhatTheEntriesCarry() {
      SealedRecord v1 = putRecord(fixtures.sealedRecord());
      IndexTerm a = fixtures.term("surname");
      byte[] bytes = fixtures.bytes(60);
      write(w -> w.indexEntries(v1.id(), List.of(new IndexEntry(a, bytes))));
      write(w -> w.putRecord(fixtures.nextVersion(v1), 1));

      assertEquals(List.of(new TermHit(v1.id(), bytes)), store.hitsByTerm(a));
    }

    @Test
    void deletingARecordRemovesItsHits() {
      SealedRecord record = putRecord(fixtures.sealedRecord());
      IndexTerm a = fixtures.term("surname");
      write(w -> w.indexEntries(record.id(), List.of(new IndexEntry(a, fixtures.bytes(30)))));
      write(w -> w.deleteRecord(record.id(), 1));

      assertEquals(List.of(), store.hitsByTerm(a));
      write(w -> w.putRecord(fixtures.sealedRecord(record.id(), record.client(), 1), 0));
      assertEquals(List.of(), store.hitsByTerm(a));
    }

    @Test
    void hitsDistinguishTheIndexNameAndTheTermsExactBytes() {
      byte[] bytes = fixtures.bytes(16);
      byte[] longer = java.util.Arrays.copyOf(bytes, 17);
      RecordId bySurname = putRecord(fixtures.sealedRecord()).id();
      RecordId byDob = putRecord(fixtures.sealedRecord()).id();
      byte[] c1 = fixtures.bytes(20);
      byte[] c2 = fixtures.bytes(21);
      write(w -> w.indexEntries(bySurname, List.of(new IndexEntry(new IndexTerm("surname", bytes), c1)))
          .indexEntries(byDob, List.of(new IndexEntry(new IndexTerm("dob", bytes), c2))));

      assertEquals(List.of(new TermHit(bySurname, c1)), store.hitsByTerm(new IndexTerm("surname", bytes)));
      assertEquals(List.of(new TermHit(byDob, c2)), store.hitsByTerm(new IndexTerm("dob", bytes)));
      assertEquals(List.of(), store.hitsByTerm(new IndexTerm("surname", longer)));
    }

    @Test
    void findByTermDistinguishesTheIndexName() {
      byte[] bytes = fixtures.bytes(16);
      RecordId bySurname = putRecord(fixtures.sealedRecord()).id();
      RecordId byDob = putRecord(fixtures.sealedRecord()).id();
      write(w -> w.indexTerms(bySurname, List.of(new IndexTerm("surname", bytes)))
          .indexTerms(byDob, List.of(new IndexTerm("dob", bytes))));

      assertEquals(List.of(bySurname), store.findByTerm(new IndexTerm("surname", bytes)));
      assertEquals(List.of(byDob), store.findByTerm(new IndexTerm("dob", bytes)));
      assertEquals(List.of(), store.findByTerm(new IndexTerm("surname.prefix", bytes)));
    }

    @Test
    void findByTermMatchesExactBytesOnly() {
      byte[] bytes = fixtures.bytes(16);
      bytes[15] = 0;
      RecordId id = putRecord(fixtures.sealedRecord()).id();
      write(w -> w.indexTerms(id, List.of(new IndexTerm("surname", bytes))));

      byte[] lastBitFlipped = bytes.clone();
      lastBitFlipped[15] ^= 1;
      byte[] withoutTrailingZero = java.util.Arrays.copyOf(bytes, 15);
      byte[] withExtraZero = java.util.Arrays.copyOf(bytes, 17);
      assertEquals(List.of(id), store.findByTerm(new IndexTerm("surname", bytes)));
      assertEquals(List.of(), store.findByTerm(new IndexTerm("surname", lastBitFlipped)));
      assertEquals(List.of(), store.findByTerm(new IndexTerm("surname", withoutTrailingZero)));
      assertEquals(List.of(), store.findByTerm(new IndexTerm("surname", withExtraZero)));
    }

    @Test
    void aTermListedTwiceFindsTheRecordOnce() {
      RecordId id = putRecord(fixtures.sealedRecord()).id();
      IndexTerm a = fixtures.term("surname");
      write(w -> w.indexTerms(id, List.of(a, a)));

      assertEquals(List.of(id), store.findByTerm(a));
      write(w -> w.indexTerms(id, List.of(a)));
      assertEquals(List.of(id), store.findByTerm(a));
    }
  }

  // ---------------------------------------------------------------- listing

  /** Paging with cursors and per-client listing, in ordinal id order. */
  @Nested
  class Listing {

    @Test
    void recordIdsPageInOrderWithAfterCursors() {
      List<RecordId> ids = fixtures.distinctRecordIds(47);
      ClientId client = fixtures.clientId();
      for (RecordId id : ids) {
        putRecord(fixtures.sealedRecord(id, client, 1));
      }

      List<RecordId> walked = new ArrayList<>();
      RecordId after = null;
      for (int pages = 0; ; pages++) {
        assertTrue(pages <= ids.size(), "paging does not end");
        List<RecordId> page = store.recordIds(after, 7);
        assertTrue(page.size() <= 7, "a page holds at most limit ids");
        if (page.isEmpty()) {
          break;
        }
        if (after != null) {
          assertTrue(page.get(0).compareTo(after) > 0, "a page starts after its cursor");
        }
        walked.addAll(page);
        after = page.get(page.size() - 1);
      }
      assertEquals(sorted(ids), walked);
      assertEquals(sorted(ids), store.recordIds(null, 1000));
      assertEquals(List.of(), store.recordIds(null, 0));
    }

    @Test
    void anAfterCursorNeedNotBeHeld() {
      ClientId client = fixtures.clientId();
      for (String id : List.of("a1", "a3", "b", "c")) {
        putRecord(fixtures.sealedRecord(RecordId.of(id), client, 1));
      }

      assertEquals(ids("a3", "b"), store.recordIds(RecordId.of("a2"), 2));
      assertEquals(ids("c"), store.recordIds(RecordId.of("bb"), 10));
      assertEquals(List.of(), store.recordIds(RecordId.of("d"), 10));
    }

    @Test
    void idsAreOrderedOrdinallyAndCaseSensitively() {
      ClientId client = fixtures.clientId();
      List<String> values =
          List.of("a", "B", "A", "b", "0", "9", "Z9", "z", "a.b", "a-b", "a_b", "a0", "aB", "ab");
      for (String value : values) {
        putRecord(fixtures.sealedRecord(RecordId.of(value), client, 1));
      }

      List<String> expected = new ArrayList<>(values);
      Collections.sort(expected);
      assertEquals(expected, store.recordIds(null, 100).stream().map(RecordId::value).toList());
      assertEquals(expected, store.records(client).stream().map(r -> r.id().value()).toList());
    }

    @Test
    void idsDifferingOnlyInCaseAreDifferentRecords() {
      ClientId client = fixtures.clientId();
      SealedRecord lower = putRecord(fixtures.sealedRecord(RecordId.of("case-abc"), client, 1));
      SealedRecord upper = putRecord(fixtures.sealedRecord(RecordId.of("CASE-ABC"), client, 1));

      assertEquals(Optional.of(lower), store.record(lower.id()));
      assertEquals(Optional.of(upper), store.record(upper.id()));
      assertEquals(List.of(upper.id(), lower.id()), store.recordIds(null, 10));
    }

    @Test
    void keyNamesPageInOrderWithAfterCursors() {
      Map<KeyName, KeyEntry> keys = new TreeMap<>();
      while (keys.size() < 31) {
        KeyName name = fixtures.keyName();
        keys.put(name, fixtures.wrappedKey(name, 1));
      }
      for (KeyEntry entry : keys.values()) {
        write(b -> b.putKey(entry, 0));
      }

      List<KeyName> walked = new ArrayList<>();
      KeyName after = null;
      for (int pages = 0; ; pages++) {
        assertTrue(pages <= keys.size(), "paging does not end");
        List<KeyName> page = store.keyNames(after, 4);
        assertTrue(page.size() <= 4, "a page holds at most limit names");
        if (page.isEmpty()) {
          break;
        }
        if (after != null) {
          assertTrue(page.get(0).compareTo(after) > 0, "a page starts after its cursor");
        }
        walked.addAll(page);
        after = page.get(page.size() - 1);
      }
      assertEquals(new ArrayList<>(keys.keySet()), walked);
      assertEquals(List.of(), store.keyNames(null, 0));
      assertEquals(List.of(), store.keyNames(KeyName.system("zzzzzzzzzzzzzzzzzzzzzz"), 10));
    }

    @Test
    void negativeLimitsAreRefused() {
      assertThrows(IllegalArgumentException.class, () -> store.recordIds(null, -1));
      assertThrows(IllegalArgumentException.class, () -> store.keyNames(null, -1));
      assertThrows(IllegalArgumentException.class, () -> store.log(0, -1));
      assertThrows(IllegalArgumentException.class, () -> store.log(-1, 1));
    }

    @Test
    void recordsOfAClientAreOnlyThatClientsRecordsInIdOrder() {
      ClientId mine = fixtures.clientId();
      ClientId theirs = ClientId.of(mine.value() + "x");
      List<RecordId> ids = fixtures.distinctRecordIds(24);
      Map<RecordId, SealedRecord> expected = new TreeMap<>();
      for (int i = 0; i < ids.size(); i++) {
        SealedRecord record = putRecord(fixtures.sealedRecord(ids.get(i), i % 3 == 0 ? theirs : mine, 1));
        if (record.client().equals(mine)) {
          expected.put(record.id(), record);
        }
      }

      assertEquals(new ArrayList<>(expected.values()), store.records(mine));
      assertTrue(store.records(theirs).stream().allMatch(r -> r.client().equals(theirs)));
      assertEquals(8, store.records(theirs).size());
    }

    @Test
    void recordsOfAClientShowTheLatestVersionAndDropDeletedRecords() {
      ClientId client = fixtures.clientId();
      SealedRecord kept = putRecord(fixtures.sealedRecord(client));
      SealedRecord dropped = putRecord(fixtures.sealedRecord(client));
      SealedRecord keptV2 = fixtures.nextVersion(kept);
      write(b -> b.putRecord(keptV2, 1).deleteRecord(dropped.id(), 1));

      assertEquals(List.of(keptV2), store.records(client));
    }
  }

  // ---------------------------------------------------------------- log

  /** The enquiry log: exact sequencing and range reads. */
  @Nested
  class Log {

    @Test
    void appendsTakeTheNextSequenceNumber() {
      write(b -> b.appendLog(fixtures.logEntry(0)));
      write(b -> b.appendLog(fixtures.logEntry(1)).appendLog(fixtures.logEntry(2)));

      assertEquals(3, store.logSize());
      assertEquals(List.of(0L, 1L, 2L), store.log(0, 10).stream().map(LogEntry::sequence).toList());
    }

    @Test
    void aGapConflicts() {
      write(b -> b.appendLog(fixtures.logEntry(0)));

      assertConflict(b -> b.appendLog(fixtures.logEntry(2)));
      assertConflict(b -> b.appendLog(fixtures.logEntry(1)).appendLog(fixtures.logEntry(3)));
      assertEquals(1, store.logSize());
    }

    @Test
    void aDuplicateSequenceConflicts() {
      LogEntry first = fixtures.logEntry(0);
      write(b -> b.appendLog(first));

      assertConflict(b -> b.appendLog(fixtures.logEntry(0)));
      assertConflict(b -> b.appendLog(fixtures.logEntry(1)).appendLog(fixtures.logEntry(1)));
      assertEquals(List.of(first), store.log(0, 10));
    }

    @Test
    void theFirstEntryIsSequenceZero() {
      assertConflict(b -> b.appendLog(fixtures.logEntry(1)));
      assertEquals(0, store.logSize());
    }

    @Test
    void rangesReadBackInOrder() {
      List<LogEntry> entries = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        entries.add(fixtures.logEntry(i));
      }
      write(b -> entries.subList(0, 12).forEach(b::appendLog));
      write(b -> entries.subList(12, 20).forEach(b::appendLog));

      assertEquals(20, store.logSize());
      assertEquals(entries, store.log(0, 20));
      assertEquals(entries, store.log(0, Integer.MAX_VALUE));
      assertEquals(entries.subList(5, 9), store.log(5, 4));
      assertEquals(entries.subList(17, 20), store.log(17, 10));
      assertEquals(List.of(), store.log(20, 5));
      assertEquals(List.of(), store.log(1000, 5));
      assertEquals(List.of(), store.log(3, 0));
    }
  }

  // ---------------------------------------------------------------- tokens

  /** Token use counting against each use's limit. */
  @Nested
  class TokenUses {

    @Test
    void aTokenCanBeUsedUpToItsLimit() {
      String token = fixtures.tokenId();
      for (int i = 1; i <= 3; i++) {
        write(b -> b.useToken(token, 3));
        assertEquals(i, store.tokenUses(token));
      }

      assertConflict(b -> b.useToken(token, 3));
      assertEquals(3, store.tokenUses(token));
    }

    @Test
    void usesInOneBatchCountTogether() {
      String token = fixtures.tokenId();
      write(b -> b.useToken(token, 3));

      assertConflict(b -> b.useToken(token, 3).useToken(token, 3).useToken(token, 3));
      assertEquals(1, store.tokenUses(token));
      write(b -> b.useToken(token, 3).useToken(token, 3));
      assertEquals(3, store.tokenUses(token));
    }

    @Test
    void tokensAreCountedApart() {
      String first = fixtures.tokenId() + ".1";
      String second = fixtures.tokenId() + ".2";
      write(b -> b.useToken(first, 1));

      write(b -> b.useToken(second, 1));
      assertEquals(1, store.tokenUses(first));
      assertEquals(1, store.tokenUses(second));
      assertEquals(0, store.tokenUses(first + "x"));
    }

    @Test
    void aUseIsCheckedAgainstItsOwnLimit() {
      String token = fixtures.tokenId();
      write(b -> b.useToken(token, 2).useToken(token, 2));

      assertConflict(b -> b.useToken(token, 2));
      write(b -> b.useToken(token, 3));
      assertEquals(3, store.tokenUses(token));
    }

    @Test
    void tokenIdsAreCaseSensitive() {
      write(b -> b.useToken("Token-A", 1));

      write(b -> b.useToken("token-a", 1));
      assertEquals(1, store.tokenUses("Token-A"));
      assertEquals(1, store.tokenUses("token-a"));
    }
  }

  // ---------------------------------------------------------------- concurrency

  /** Isolation under racing writers. */
  @Nested
  class Concurrency {

    @Test
    void aSingleUseTokenRacedByEightThreadsIsUsedExactlyOnce() throws Exception {
      for (int round = 0; round < ROUNDS; round++) {
        String token = fixtures.tokenId() + "." + round;

        List<Boolean> won = race(THREADS, i -> () -> store.write(WriteBatch.builder().useToken(token, 1).build()));

        assertEquals(1, won.stream().filter(w -> w).count(), "winners in round " + round);
        assertEquals(1, store.tokenUses(token));
      }
    }

    @Test
    void aThreeUseTokenRacedByEightThreadsIsUsedExactlyThrice() throws Exception {
      for (int round = 0; round < ROUNDS; round++) {
        String token = fixtures.tokenId() + "." + round;

        List<Boolean> won = race(THREADS, i -> () -> store.write(WriteBatch.builder().useToken(token, 3).build()));

        assertEquals(3, won.stream().filter(w -> w).count(), "winners in round " + round);
        assertEquals(3, store.tokenUses(token));
      }
    }

    @Test
    void aTokenUseRacedTogetherWithALogAppendIsCountedOnlyForTheWinner() throws Exception {
      String token = fixtures.tokenId();
      List<LogEntry> candidates = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        candidates.add(fixtures.logEntry(0));
      }

      // Every batch claims log position 0, so only one can win although the token allows all.
      List<Boolean> won = race(THREADS, i -> () -> store.write(WriteBatch.builder()
          .useToken(token, THREADS).appendLog(candidates.get(i)).build()));

      assertEquals(1, won.stream().filter(w -> w).count(), "winners");
      assertEquals(1, store.tokenUses(token));
      assertEquals(List.of(candidates.get(won.indexOf(true))), store.log(0, 10));
    }

    @Test
    void racingUpdatesOfOneRecordHaveOneWinner() throws Exception {
      SealedRecord current = putRecord(fixtures.sealedRecord());
      for (int round = 0; round < ROUNDS; round++) {
        List<SealedRecord> candidates = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          candidates.add(fixtures.nextVersion(current));
        }
        long expected = current.version();

        List<Boolean> won = race(THREADS, i -> () -> store.write(WriteBatch.builder()
            .putRecord(candidates.get(i), expected).build()));

        assertEquals(1, won.stream().filter(w -> w).count(), "winners in round " + round);
        current = candidates.get(won.indexOf(true));
        assertEquals(Optional.of(current), store.record(current.id()));
      }
    }

    @Test
    void racingAppendsAtOneSequenceHaveOneWinner() throws Exception {
      List<LogEntry> winners = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        List<LogEntry> candidates = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          candidates.add(fixtures.logEntry(round));
        }

        List<Boolean> won = race(THREADS, i -> () -> store.write(WriteBatch.builder()
            .appendLog(candidates.get(i)).build()));

        assertEquals(1, won.stream().filter(w -> w).count(), "winners in round " + round);
        winners.add(candidates.get(won.indexOf(true)));
      }
      assertEquals(winners, store.log(0, Integer.MAX_VALUE));
    }

    @Test
    void writersOfDifferentRecordsAllLand() throws Exception {
      int perThread = 25;
      List<RecordId> ids = fixtures.distinctRecordIds(THREADS * perThread);
      ClientId client = fixtures.clientId();
      Map<RecordId, SealedRecord> records = new LinkedHashMap<>();
      Map<RecordId, IndexTerm> terms = new LinkedHashMap<>();
      List<IndexTerm> distinct = fixtures.distinctTerms("surname", ids.size());
      for (int i = 0; i < ids.size(); i++) {
        records.put(ids.get(i), fixtures.sealedRecord(ids.get(i), client, 1));
        terms.put(ids.get(i), distinct.get(i));
      }

      List<Boolean> won = race(THREADS, t -> () -> {
        for (RecordId id : ids.subList(t * perThread, (t + 1) * perThread)) {
          store.write(WriteBatch.builder()
              .putRecord(records.get(id), 0)
              .indexTerms(id, List.of(terms.get(id)))
              .build());
        }
      });

      assertEquals(List.of(true, true, true, true, true, true, true, true), won);
      assertEquals(sorted(ids), store.recordIds(null, Integer.MAX_VALUE));
      assertEquals(sorted(ids), store.records(client).stream().map(SealedRecord::id).toList());
      for (RecordId id : ids) {
        assertEquals(Optional.of(records.get(id)), store.record(id));
        assertEquals(List.of(id), store.findByTerm(terms.get(id)));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  /** A store write that must succeed. */
  protected final void write(Consumer<WriteBatch.Builder> parts) {
    WriteBatch.Builder builder = WriteBatch.builder();
    parts.accept(builder);
    store.write(builder.build());
  }

  /** A store write that must fail with {@link ConflictException}. */
  protected final void assertConflict(Consumer<WriteBatch.Builder> parts) {
    WriteBatch.Builder builder = WriteBatch.builder();
    parts.accept(builder);
    WriteBatch batch = builder.build();
    assertThrows(ConflictException.class, () -> store.write(batch), batch.toString());
  }

  private SealedRecord putRecord(SealedRecord record) {
    write(b -> b.putRecord(record, record.version() - 1));
    return record;
  }

  private static List<RecordId> sorted(List<RecordId> ids) {
    List<RecordId> out = new ArrayList<>(ids);
    Collections.sort(out);
    return out;
  }

  private static List<RecordId> ids(String... values) {
    return java.util.Arrays.stream(values).map(RecordId::of).toList();
  }

  /** One racer's work; a {@link ConflictException} counts as losing. */
  private interface Racer {
    void run() throws Exception;
  }

  /**
   * Starts {@code threads} racers together (all wait on one latch) and returns, in racer order,
   * whether each won (returned) or lost (threw {@link ConflictException}). Anything else fails.
   */
  private List<Boolean> race(int threads, java.util.function.IntFunction<Racer> racers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Racer racer = racers.apply(i);
        Callable<Boolean> task = () -> {
          ready.countDown();
          go.await();
          try {
            racer.run();
            return true;
          } catch (ConflictException lost) {
            return false;
          }
        };
        results.add(pool.submit(task));
      }
      assertTrue(ready.await(30, TimeUnit.SECONDS), "racers did not start");
      go.countDown();
      List<Boolean> won = new ArrayList<>();
      for (Future<Boolean> result : results) {
        won.add(result.get(60, TimeUnit.SECONDS));
      }
      return won;
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "racers did not finish");
    }
  }

  /** Everything observable about the given clients, terms and tokens, plus all ids, keys and log. */
  private StoreSnapshot snapshot(Set<ClientId> clients, Set<IndexTerm> terms, Set<String> tokens) {
    Map<RecordId, Optional<SealedRecord>> records = new LinkedHashMap<>();
    for (RecordId id : store.recordIds(null, Integer.MAX_VALUE)) {
      records.put(id, store.record(id));
    }
    Map<ClientId, List<SealedRecord>> byClient = new TreeMap<>();
    for (ClientId client : new HashSet<>(clients)) {
      byClient.put(client, store.records(client));
    }
    Map<IndexTerm, List<Object>> byTerm = new java.util.HashMap<>();
    for (IndexTerm term : terms) {
      byTerm.put(term, List.of(store.findByTerm(term), store.hitsByTerm(term)));
    }
    Map<KeyName, Optional<KeyEntry>> keys = new LinkedHashMap<>();
    for (KeyName name : store.keyNames(null, Integer.MAX_VALUE)) {
      keys.put(name, store.key(name));
    }
    Map<String, Integer> uses = new TreeMap<>();
    for (String token : tokens) {
      uses.put(token, store.tokenUses(token));
    }
    return new StoreSnapshot(records, byClient, byTerm, keys, store.logSize(),
        store.log(0, Integer.MAX_VALUE), uses);
  }

  private record StoreSnapshot(
      Map<RecordId, Optional<SealedRecord>> records,
      Map<ClientId, List<SealedRecord>> byClient,
      Map<IndexTerm, List<Object>> byTerm,
      Map<KeyName, Optional<KeyEntry>> keys,
      long logSize,
      List<LogEntry> log,
      Map<String, Integer> tokenUses) {}
}
