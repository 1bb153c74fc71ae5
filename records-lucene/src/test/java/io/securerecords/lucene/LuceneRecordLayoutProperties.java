package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.lucene.util.BytesRef;

/**
 * The record document's sealed value ({@link IndexDocuments#sealed}) for all inputs: any fields
 * and MAC come back exactly, and no truncation of the value is ever read as a record. The terms
 * document's carried value ({@link IndexDocuments#carried(List)}): any entries' bytes come back
 * exactly for their own term, and nothing for any other.
 */
class LuceneRecordLayoutProperties {

  @Property(tries = 300)
  void anyFieldsAndMacComeBackExactly(
      @ForAll @Size(max = 20) List<@AlphaChars @NumericChars @CharRange(from = 'À', to = 'ʯ')
          @StringLength(max = 40) String> names,
      @ForAll @Size(max = 300) byte[] ciphertextSeed,
      @ForAll @Size(max = 64) byte[] mac) {
    SealedRecord r = record(names, ciphertextSeed, mac);
    SealedRecord back = IndexDocuments.record(new BytesRef(IndexDocuments.sealed(r)));
    assertEquals(r, back);
    assertEquals(r.fields(), back.fields());
    assertEquals(true, Arrays.equals(r.mac(), back.mac()));
  }

  @Property(tries = 100)
  void noProperPrefixOfTheValueIsReadAsARecord(
      @ForAll @Size(max = 6) List<@AlphaChars @StringLength(max = 12) String> names,
      @ForAll @Size(max = 80) byte[] ciphertextSeed,
      @ForAll @Size(max = 32) byte[] mac) {
    SealedRecord r = record(names, ciphertextSeed, mac);
    byte[] sealed = IndexDocuments.sealed(r);
    for (int cut = 0; cut < sealed.length; cut++) {
      BytesRef prefix = new BytesRef(sealed, 0, cut);
      assertThrows(StoreException.class, () -> IndexDocuments.record(prefix),
          "prefix of " + cut + " of " + sealed.length + " bytes");
    }
  }

  @Property(tries = 200)
  void anyEntriesCarriedBytesComeBackExactlyForTheirTermAlone(
      @ForAll @Size(max = 12) Set<@Size(min = 1, max = 64) byte[]> termSeeds,
      @ForAll @Size(max = IndexEntry.MAX_CARRIED) byte[] carriedSeed,
      @ForAll @Size(min = 1, max = 65) byte[] probe) {
    // Distinct terms (by content), each carrying a prefix of the seed of its own length (some none).
    Map<ByteBuffer, byte[]> byTerm = new LinkedHashMap<>();
    for (byte[] t : termSeeds) {
      byTerm.putIfAbsent(ByteBuffer.wrap(t), Arrays.copyOf(carriedSeed,
          Math.min(carriedSeed.length, (byTerm.size() * 97) % (IndexEntry.MAX_CARRIED + 1))));
    }
    List<IndexEntry> entries = new ArrayList<>();
    byTerm.forEach((t, c) -> entries.add(new IndexEntry(new IndexTerm("idx", t.array()), c)));
    BytesRef value = new BytesRef(IndexDocuments.carried(entries));

    for (IndexEntry e : entries) {
      assertArrayEquals(e.carried(), IndexDocuments.carried(value, e.term().term()));
    }
    byte[] expected = byTerm.getOrDefault(ByteBuffer.wrap(probe), new byte[0]);
    assertArrayEquals(expected, IndexDocuments.carried(value, probe));
  }

  /** Field i's ciphertext: the seed's first i bytes (so lengths vary, some empty). */
  private static SealedRecord record(List<String> names, byte[] seed, byte[] mac) {
    List<SealedField> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      fields.add(new SealedField(names.get(i), Arrays.copyOf(seed, Math.min(i * 17, seed.length))));
    }
    SealedRecord base = Batches.record(11);
    return new SealedRecord(base.id(), base.type(), base.client(), base.version(), base.created(),
        base.updated(), mac.length == 0 ? 2 : 1, fields, mac);
  }
}
