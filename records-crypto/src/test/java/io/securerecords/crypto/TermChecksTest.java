package io.securerecords.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.InMemoryRecordStore;
import io.securerecords.crypto.index.BlindIndex;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sealed checks an index entry carries: what opens them, what they are bound to. */
class TermChecksTest {
  private final SecureRecords records = SecureRecords.builder().store(new InMemoryRecordStore())
      .kek(KeyEncryptionKey.ephemeral()).clock(Fixtures.CLOCK).build();
  private final ClientId zoe = ClientId.random();
  private final ClientId ann = ClientId.random();
  private final RecordId id = RecordId.random();
  private final IndexTerm term = new IndexTerm("register", new byte[] {0x50});
  private final byte[] check = {1, 2, 3, 4, 5, 6, 7, 8};
  private final byte[] other = {1, 2, 3, 4, 5, 6, 7, 9};

  private ClientKeys keys(ClientId client) {
    DataKeys.ForWriting keys = records.dataKeys().forWriting(client);
    return keys.keys();
  }

  @Test
  void sealedChecksOpenUnderTheirOwnRecordTermAndClient() {
    ClientKeys keys = keys(zoe);
    byte[] carried = TermChecks.seal(keys, id, term, List.of(check));
    assertEquals(zoe, TermChecks.client(id, carried));
    assertTrue(TermChecks.holdsAny(keys, id, term, carried, List.of(other, check)));
    assertFalse(TermChecks.holdsAny(keys, id, term, carried, List.of(other)));
    // Random nonces: the same check sealed twice gives unrelated bytes.
    assertFalse(java.util.Arrays.equals(carried, TermChecks.seal(keys, id, term, List.of(check))));
  }

  @Test
  void checksMovedToAnotherRecordTermOrClientFailAuthentication() {
    ClientKeys keys = keys(zoe);
    byte[] carried = TermChecks.seal(keys, id, term, List.of(check));
    assertThrows(TamperedException.class,
        () -> TermChecks.holdsAny(keys, RecordId.random(), term, carried, List.of(check)));
    assertThrows(TamperedException.class, () -> TermChecks.holdsAny(keys, id,
        new IndexTerm("register", new byte[] {0x60}), carried, List.of(check)));
    assertThrows(TamperedException.class, () -> TermChecks.holdsAny(keys, id,
        new IndexTerm("email", new byte[] {0x50}), carried, List.of(check)));
    assertThrows(TamperedException.class,
        () -> TermChecks.holdsAny(keys(ann), id, term, carried, List.of(check)));
  }

  @Test
  void aMalformedClientPrefixIsTampered() {
    assertThrows(TamperedException.class, () -> TermChecks.client(id, new byte[0]));
    assertThrows(TamperedException.class, () -> TermChecks.client(id, new byte[] {0, 1, 2}));
    assertThrows(TamperedException.class, () -> TermChecks.client(id, new byte[] {9, 'a'}));
    assertThrows(TamperedException.class, () -> TermChecks.client(id, new byte[] {2, ' ', '!'}));
  }

  @Test
  void checksThatWouldNotFitAreNotCarried() {
    ClientKeys keys = keys(zoe);
    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      many.add(new byte[BlindIndex.CHECK_BYTES]);
    }
    assertEquals(0, TermChecks.seal(keys, id, term, many).length);
    List<byte[]> fitting = many.subList(0, 40);
    byte[] carried = TermChecks.seal(keys, id, term, fitting);
    assertTrue(carried.length > 0 && carried.length <= IndexEntry.MAX_CARRIED);
  }
}
