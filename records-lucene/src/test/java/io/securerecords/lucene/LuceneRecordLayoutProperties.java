package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.securerecords.api.error.StoreException;
import io.securerecords.api.store.SealedField;
import io.securerecords.api.store.SealedRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * and MAC come back exactly, and no truncation of the value is ever read as a record.
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
