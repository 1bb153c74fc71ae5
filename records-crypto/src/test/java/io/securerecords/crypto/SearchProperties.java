package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.api.index.IndexQuery;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random inserts, updates, erasures and queries, every search returns exactly what the same
 * query over the plaintext returns. Indexes are sized for 16 clients (4-bit terms), so blinded
 * terms collide constantly and false positives must be removed after decryption.
 */
class SearchProperties {
  private static final List<String> NAMES = List.of("Ann Smith", "Anne Smith", "Zoë Li", "Zoe Li",
      "Bob Jones", "ANN SMITH");
  private static final Requester COURT = new Requester("Clerk", "County Court", "Clerk", "c@court");

  /** One step: 0 new client, 1 new casework, 2 rename a client, 3 erase a client. */
  record Op(int kind, int client, int name, int team, int number) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(Arbitraries.frequency(
            net.jqwik.api.Tuple.of(4, 0), net.jqwik.api.Tuple.of(4, 1),
            net.jqwik.api.Tuple.of(2, 2), net.jqwik.api.Tuple.of(1, 3)),
        Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, NAMES.size() - 1),
        Arbitraries.integers().between(0, Team.values().length - 1),
        Arbitraries.integers().between(0, 3))
        .as(Op::new).list().ofMinSize(1).ofMaxSize(25);
  }

  private record Model(Map<Integer, ClientId> ids, Map<RecordId, String[]> basic,
      Map<RecordId, Team> casework, Map<RecordId, ClientId> owner) {}

  @Property(tries = 25)
  void everySearchEqualsTheSameQueryOverThePlaintext(@ForAll("ops") List<Op> ops) {
    SecureRecords records = SecureRecords.builder().store(new InMemoryRecordStore())
        .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).expectedClients(16).build();
    Model m = new Model(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>());
    Map<Integer, RecordId> basicOf = new HashMap<>();
    for (Op op : ops) {
      ClientId client = m.ids().get(op.client());
      String number = String.valueOf(1000000 + op.number());
      switch (op.kind()) {
        case 0 -> {
          if (client == null) {
            client = ClientId.random();
            m.ids().put(op.client(), client);
            RecordId id = records.put(client, basic(op.name(), number));
            basicOf.put(op.client(), id);
            m.basic().put(id, new String[] {NAMES.get(op.name()), number});
            m.owner().put(id, client);
          }
        }
        case 1 -> {
          if (client != null) {
            Team team = Team.values()[op.team()];
            RecordId id = records.put(client, CaseworkRecord.builder(team, "S",
                LocalDate.of(2026, 1, 1)).build());
            m.casework().put(id, team);
            m.owner().put(id, client);
          }
        }
        case 2 -> {
          if (client != null) {
            RecordId id = basicOf.get(op.client());
            String kept = m.basic().get(id)[1];
            records.update(id, basic(op.name(), kept), records.metadata(id).version());
            m.basic().put(id, new String[] {NAMES.get(op.name()), kept});
          }
        }
        default -> {
          if (client != null) {
            records.erase(client);
            ClientId gone = client;
            m.owner().entrySet().removeIf(e -> e.getValue().equals(gone));
            m.basic().keySet().retainAll(m.owner().keySet());
            m.casework().keySet().retainAll(m.owner().keySet());
            m.ids().remove(op.client());
            basicOf.remove(op.client());
          }
        }
      }
    }
    for (String name : new TreeSet<>(NAMES)) {
      TreeSet<RecordId> expected = new TreeSet<>();
      String wanted = io.securerecords.api.index.Normaliser.name(name, true);
      m.basic().forEach((id, v) -> {
        if (io.securerecords.api.index.Normaliser.name(v[0], true).equals(wanted)) {
          expected.add(id);
        }
      });
      assertEquals(List.copyOf(expected), search(records, IndexQuery.equal("name", name)), name);
    }
    for (int n = 0; n < 4; n++) {
      String number = String.valueOf(1000000 + n);
      TreeSet<RecordId> expected = new TreeSet<>();
      m.basic().forEach((id, v) -> {
        if (v[1].equals(number)) {
          expected.add(id);
        }
      });
      assertEquals(List.copyOf(expected), search(records,
          IndexQuery.equal("register", Registration.parse(Register.GMC, number))), number);
    }
    for (Team team : Team.values()) {
      TreeSet<RecordId> expected = new TreeSet<>();
      m.casework().forEach((id, t) -> {
        if (t == team) {
          expected.add(id);
        }
      });
      assertEquals(List.copyOf(expected), search(records, IndexQuery.equal("team", team)),
          team.name());
    }
  }

  private static BasicRecord basic(int name, String number) {
    return BasicRecord.builder(NAMES.get(name), Registration.parse(Register.GMC, number)).build();
  }

  /** Every page of a court-ordered search, which may see every record. */
  private static List<RecordId> search(SecureRecords records, IndexQuery query) {
    String token = records.decide(records.newDecision().subject(SecureRecords.ALL_CLIENTS)
        .purpose(Purpose.LEGAL_OBLIGATION).audience("court").requester(COURT).reason("order")
        .legalReference("Order 1").approval(new Approval("Grace", SecureRecords.CALDICOTT_GUARDIAN))
        .fieldClasses(EnumSet.of(FieldClass.IDENTITY, FieldClass.SERVICE_USE)).maxUses(100)
        .build(), COURT);
    List<RecordId> out = new ArrayList<>();
    RecordId after = null;
    do {
      SearchResult page = records.search(token, "court", query, after, 3);
      page.records().forEach(r -> out.add(r.id()));
      after = page.next();
    } while (after != null);
    return out;
  }
}
