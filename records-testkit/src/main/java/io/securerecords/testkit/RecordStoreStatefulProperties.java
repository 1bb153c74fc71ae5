package io.securerecords.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import io.securerecords.api.store.WriteBatch;
import io.securerecords.testkit.StoreModel.AppendLog;
import io.securerecords.testkit.StoreModel.DeleteRecord;
import io.securerecords.testkit.StoreModel.Part;
import io.securerecords.testkit.StoreModel.PutKey;
import io.securerecords.testkit.StoreModel.PutRecord;
import io.securerecords.testkit.StoreModel.SetTerms;
import io.securerecords.testkit.StoreModel.UseToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import net.jqwik.api.statistics.Statistics;

/**
 * The stateful half of the conformance suite: random sequences of batches run against the store
 * and against a plain model of the {@link RecordStore} contract (maps and lists), and after every
 * batch everything observable must agree. A store's own test extends this class and implements
 * {@link #newStore()}.
 *
 * <p>What it checks, for any sequence of actions (new record, update with the right or a wrong
 * version, delete, set terms, put or erase a key, append to the log at the right or a wrong
 * sequence, use a token against its limit, and mixed batches in which one part may conflict):
 *
 * <ul>
 *   <li>a batch is refused with {@link ConflictException} exactly when the contract says so;
 *   <li>a refused batch changes nothing, an accepted one changes exactly what it names;
 *   <li>{@code record}, {@code recordIds} (with cursors), {@code records(client)}, {@code
 *       findByTerm} and {@code recordsByTerm} for every term in play, {@code key}, {@code keyNames}, the log and token
 *       use counts all equal the model's, in the model's order.
 * </ul>
 *
 * <p>Ids, clients, terms, key names and tokens come from small pools, so actions collide often;
 * the pools mix case ({@code r1}/{@code R1}) and include terms that are prefixes of each other
 * and the same bytes under two index names.
 */
public abstract class RecordStoreStatefulProperties {
  private static final RecordType TYPE = RecordType.of("psu.casework");
  private static final List<RecordId> RECORD_IDS =
      List.of("r1", "R1", "r2", "r10", "r2.a", "X-9").stream().map(RecordId::of).toList();
  private static final List<ClientId> CLIENTS =
      List.of("c-a", "C-a", "c-b").stream().map(ClientId::of).toList();
  private static final List<IndexTerm> TERMS = terms();
  private static final List<KeyName> KEY_NAMES = List.of(
      KeyName.client(ClientId.of("c-a")), KeyName.client(ClientId.of("C-a")),
      KeyName.system("blind.surname"), KeyName.system("log"));
  private static final List<String> TOKENS = List.of("t1", "T1", "t2");

  private final List<RecordStore> opened = new ArrayList<>();

  /** A new, empty store. Called once for every try (and for every shrinking step). */
  protected abstract RecordStore newStore();

  /** Closes a store made by {@link #newStore()}; override to also drop its tables or files. */
  protected void closeStore(RecordStore store) {
    store.close();
  }

  /** Every batch is refused exactly when the model refuses it, and the store always equals it. */
  @Property(tries = 100)
  public void storeAgreesWithTheModelAfterEveryBatch(@ForAll("batchSequences") ActionChain<Machine> chain) {
    chain.withInvariant("store equals model", Machine::assertStoreEqualsModel).run();
    Statistics.coverage(c -> {
      c.check("applied").percentage(p -> p > 20);
      c.check("conflict").percentage(p -> p > 5);
    });
  }

  /** Sequences of up to 40 batches of every kind, over a fresh store. */
  @Provide
  public Arbitrary<ActionChain<Machine>> batchSequences() {
    return ActionChain.<Machine>startWith(() -> new Machine(open()))
        .withAction(3, action("new record", RecordStoreStatefulProperties::newRecordMaybeWithTerms))
        .withAction(3, action("update record", m -> listOf(updateRecord(m), 1, 1)))
        .withAction(2, action("delete record", m -> listOf(deleteRecord(m), 1, 1)))
        .withAction(2, action("set terms", m -> listOf(setTerms(m), 1, 2)))
        .withAction(2, action("put or erase key", m -> listOf(putKey(m), 1, 2)))
        .withAction(2, action("append log", m -> listOf(appendLog(), 1, 3)))
        .withAction(2, action("use token", m -> listOf(useToken(), 1, 3)))
        .withAction(4, action("mixed batch", m -> listOf(anyPart(m), 2, 6)))
        .withMaxTransformations(40);
  }

  /** Closes every store opened during the try, through {@link #closeStore}. */
  @AfterTry
  public void closeStores() {
    try {
      for (RecordStore store : opened) {
        closeStore(store);
      }
    } finally {
      opened.clear();
    }
  }

  private RecordStore open() {
    RecordStore store = newStore();
    opened.add(store);
    return store;
  }

  // ------------------------------------------------------------------ the machine

  /** The store under test and the model it must equal. */
  public static final class Machine {
    private final RecordStore store;
    private final StoreModel model = new StoreModel();

    Machine(RecordStore store) {
      this.store = store;
    }

    void run(List<Part> parts) {
      WriteBatch batch = StoreModel.batchOf(parts);
      if (model.accepts(parts)) {
        store.write(batch);
        model.apply(parts);
        Statistics.collect("applied");
      } else {
        assertThrows(ConflictException.class, () -> store.write(batch),
            "the contract refuses " + parts);
        Statistics.collect("conflict");
      }
    }

    void assertStoreEqualsModel() {
      assertEquals(model.recordIds(), store.recordIds(null, Integer.MAX_VALUE), "recordIds");
      for (RecordId id : RECORD_IDS) {
        assertEquals(model.record(id), store.record(id), "record " + id.value());
        assertEquals(model.recordIdsAfter(id, 2), store.recordIds(id, 2), "recordIds after " + id.value());
      }
      for (ClientId client : CLIENTS) {
        assertEquals(model.records(client), store.records(client), "records of " + client.value());
      }
      for (IndexTerm term : TERMS) {
        assertEquals(model.findByTerm(term), store.findByTerm(term), "findByTerm " + StoreModel.describe(term));
        assertEquals(model.findByTerm(term).stream().map(model::record).map(Optional::orElseThrow)
            .toList(), store.recordsByTerm(term), "recordsByTerm " + StoreModel.describe(term));
        assertEquals(model.hitsByTerm(term), store.hitsByTerm(term), "hitsByTerm " + StoreModel.describe(term));
      }
      assertEquals(model.keyNames(), store.keyNames(null, Integer.MAX_VALUE), "keyNames");
      List<KeyEntry> held = new java.util.ArrayList<>();
      for (KeyName name : KEY_NAMES) {
        assertEquals(model.key(name), store.key(name), "key " + name);
        model.key(name).ifPresent(held::add);
      }
      held.sort(java.util.Comparator.comparing(KeyEntry::name));
      assertEquals(held, store.keys(java.util.Set.copyOf(KEY_NAMES)), "keys");
      assertEquals(model.log().size(), store.logSize(), "logSize");
      assertEquals(model.log(), store.log(0, Integer.MAX_VALUE), "log");
      for (String token : TOKENS) {
        assertEquals(model.tokenUses(token), store.tokenUses(token), "uses of " + token);
      }
    }

    @Override
    public String toString() {
      return "Machine[" + store + ", " + model + "]";
    }
  }

  // ------------------------------------------------------------------ generators

  /** A part before its place in the batch is known: log appends need the next sequence. */
  @FunctionalInterface
  private interface Draft {
    Part toPart(long nextSequence);
  }

  private static Draft fixed(Part part) {
    return next -> part;
  }

  private static Action.Dependent<Machine> action(
      String name, java.util.function.Function<StoreModel, Arbitrary<List<Draft>>> drafts) {
    return new Action.Dependent<>() {
      @Override
      public Arbitrary<Transformer<Machine>> transformer(Machine machine) {
        return drafts.apply(machine.model).map(list -> {
          List<Part> parts = resolve(list, machine.model.log().size());
          return Transformer.mutate(name + " " + parts, m -> m.run(parts));
        });
      }
    };
  }

  private static List<Part> resolve(List<Draft> drafts, long logSize) {
    List<Part> parts = new ArrayList<>();
    long next = logSize;
    for (Draft draft : drafts) {
      Part part = draft.toPart(next);
      if (part instanceof AppendLog) {
        next++;
      }
      parts.add(part);
    }
    return parts;
  }

  private static Arbitrary<List<Draft>> listOf(Arbitrary<Draft> drafts, int min, int max) {
    return drafts.list().ofMinSize(min).ofMaxSize(max);
  }

  /** A new record, half the time with its terms in the same batch. */
  private static Arbitrary<List<Draft>> newRecordMaybeWithTerms(StoreModel m) {
    return newRecord(m).flatMap(put -> Arbitraries.oneOf(
        Arbitraries.just(List.of(put)),
        termsFor(((PutRecord) put.toPart(0)).record().id()).map(terms -> List.of(put, terms.get(0)))));
  }

  private static Arbitrary<Draft> anyPart(StoreModel m) {
    return Arbitraries.frequencyOf(
        Tuple.of(3, newRecord(m)),
        Tuple.of(3, updateRecord(m)),
        Tuple.of(2, deleteRecord(m)),
        Tuple.of(2, setTerms(m)),
        Tuple.of(2, putKey(m)),
        Tuple.of(2, appendLog()),
        Tuple.of(2, useToken()));
  }

  /** Mostly the right expected version, sometimes another one near it. */
  private static Arbitrary<Long> expected(long right) {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(right)),
        Tuple.of(1, Arbitraries.longs().between(0, right + 2)));
  }

  private static Arbitrary<RecordId> heldOrAny(StoreModel m) {
    List<RecordId> held = m.recordIds();
    return held.isEmpty()
        ? Arbitraries.of(RECORD_IDS)
        : Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(held)), Tuple.of(1, Arbitraries.of(RECORD_IDS)));
  }

  private static Arbitrary<Draft> newRecord(StoreModel m) {
    List<RecordId> free = RECORD_IDS.stream().filter(id -> m.record(id).isEmpty()).toList();
    Arbitrary<RecordId> ids = free.isEmpty() ? Arbitraries.of(RECORD_IDS) : Arbitraries.of(free);
    return ids.flatMap(id -> putRecord(m, id));
  }

  private static Arbitrary<Draft> updateRecord(StoreModel m) {
    return heldOrAny(m).flatMap(id -> putRecord(m, id));
  }

  private static Arbitrary<Draft> putRecord(StoreModel m, RecordId id) {
    Optional<SealedRecord> current = m.record(id);
    long right = current.map(SealedRecord::version).orElse(0L);
    Arbitrary<ClientId> clients = current
        .<Arbitrary<ClientId>>map(r -> Arbitraries.frequencyOf(
            Tuple.of(9, Arbitraries.just(r.client())), Tuple.of(1, Arbitraries.of(CLIENTS))))
        .orElse(Arbitraries.of(CLIENTS));
    return Combinators.combine(expected(right), clients, instants(), fields(), StoreFixtures.byteArrays(),
            Arbitraries.integers().between(1, 3))
        .as((exp, client, created, fields, mac, format) -> fixed(new PutRecord(
            new SealedRecord(id, TYPE, client, exp + 1, created, created.plusNanos(exp), format, fields, mac),
            exp)));
  }

  private static Arbitrary<Draft> deleteRecord(StoreModel m) {
    return heldOrAny(m).flatMap(id -> expected(m.record(id).map(SealedRecord::version).orElse(1L))
        .map(exp -> fixed(new DeleteRecord(id, exp))));
  }

  private static Arbitrary<Draft> setTerms(StoreModel m) {
    return heldOrAny(m).flatMap(RecordStoreStatefulProperties::termsFor).map(list -> list.get(0));
  }

  private static Arbitrary<List<Draft>> termsFor(RecordId id) {
    return Combinators.combine(Arbitraries.of(TERMS).list().ofMaxSize(4),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(IndexEntry.MAX_CARRIED))
        .as((terms, carried) -> List.of(fixed(new SetTerms(id, terms, carried))));
  }

  private static Arbitrary<Draft> putKey(StoreModel m) {
    return Arbitraries.of(KEY_NAMES).flatMap(name -> {
      long right = m.key(name).map(KeyEntry::version).orElse(0L);
      return Combinators.combine(expected(right), Arbitraries.integers().between(0, 3),
              StoreFixtures.byteArrays(), instants())
          .as((exp, kind, bytes, at) -> fixed(new PutKey(kind == 0
              ? new KeyEntry.Erased(name, exp + 1, at)
              : new KeyEntry.Wrapped(name, exp + 1, bytes), exp)));
    });
  }

  /** A log append at the next sequence, or sometimes one before or after it. */
  private static Arbitrary<Draft> appendLog() {
    Arbitrary<Long> skew = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(0L)), Tuple.of(1, Arbitraries.just(-1L)), Tuple.of(1, Arbitraries.just(1L)));
    return Combinators.combine(skew, StoreFixtures.byteArrays())
        .as((s, bytes) -> (Draft) next -> new AppendLog(new LogEntry(Math.max(0, next + s), bytes)));
  }

  private static Arbitrary<Draft> useToken() {
    return Combinators.combine(Arbitraries.of(TOKENS), Arbitraries.integers().between(1, 4))
        .as((token, max) -> fixed(new UseToken(token, max)));
  }

  private static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(946_684_800L, 4_102_444_800L),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  private static Arbitrary<List<SealedField>> fields() {
    return StoreFixtures.byteArrays().list().ofMaxSize(3).map(cts -> {
      List<SealedField> out = new ArrayList<>();
      for (int i = 0; i < cts.size(); i++) {
        out.add(new SealedField("field" + i, cts.get(i)));
      }
      return out;
    });
  }

  /** Terms whose bytes are prefixes of each other, each under two index names. */
  private static List<IndexTerm> terms() {
    List<byte[]> bytes = List.of(
        new byte[] {0x17, (byte) 0xa4},
        new byte[] {0x17, (byte) 0xa4, 0x00},
        new byte[] {(byte) 0x9c, 0x3e, 0x51, 0x07, (byte) 0xf2, 0x6b, 0x28, (byte) 0xd0});
    List<IndexTerm> out = new ArrayList<>();
    for (String index : List.of("surname", "dob")) {
      for (byte[] b : bytes) {
        out.add(new IndexTerm(index, b));
      }
    }
    return List.copyOf(out);
  }
}
