package io.securerecords.crypto;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.error.TamperedException;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.store.IndexEntry;
import io.securerecords.api.store.IndexTerm;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes an index entry carries ({@link IndexEntry#carried()}): the record's client id, then
 * the checks of the values filed under the entry's term ({@code BlindIndex.Blinded#check()}),
 * sealed with Tink AEAD under that client's data key. The associated data binds them to the index,
 * the term's bytes, the record id and the client, so carried bytes moved to another entry, record
 * or client fail authentication.
 *
 * <p>What it protects: a check is more of the PRF output than the truncated term keeps; in clear it
 * would make the term a near-unique pseudonym again. Sealed, the store sees random bytes that
 * differ for every entry, and their length (the number of values under the term). A search opens
 * them only to drop a candidate whose check is not the query's; every record it keeps is still
 * read, authenticated and matched in full, so a forged or stale entry can at most hide its record,
 * as deleting the entry could. Layout: one byte n, the client id's n ASCII bytes, the ciphertext.
 */
final class TermChecks {
  private static final String LABEL = "secure-records/term-check";
  private static final int VERSION = 1;

  private TermChecks() {}

  /**
   * The carried bytes for one entry, or an empty array when the checks would not fit in {@link
   * IndexEntry#MAX_CARRIED} (the entry then carries nothing and its record is read instead).
   */
  static byte[] seal(ClientKeys keys, RecordId id, IndexTerm term, List<byte[]> checks) {
    byte[] client = keys.client().value().getBytes(StandardCharsets.US_ASCII);
    int checkBytes = checks.isEmpty() ? 0 : checks.get(0).length;
    byte[] plaintext = new byte[checks.size() * checkBytes];
    for (int i = 0; i < checks.size(); i++) {
      System.arraycopy(checks.get(i), 0, plaintext, i * checkBytes, checkBytes);
    }
    byte[] sealed;
    try {
      sealed = keys.aead().encrypt(plaintext, aad(term, id, keys.client()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing the index entry of record " + id.value() + " failed", e);
    }
    if (1 + client.length + sealed.length > IndexEntry.MAX_CARRIED) {
      return new byte[0];
    }
    byte[] out = new byte[1 + client.length + sealed.length];
    out[0] = (byte) client.length;
    System.arraycopy(client, 0, out, 1, client.length);
    System.arraycopy(sealed, 0, out, 1 + client.length, sealed.length);
    return out;
  }

  /**
   * The client whose key sealed these carried bytes: not yet authenticated (opening them with that
   * client's key is what authenticates it).
   *
   * @throws TamperedException if the bytes do not start with a well-formed client id
   */
  static ClientId client(RecordId id, byte[] carried) {
    int n = carried.length == 0 ? 0 : carried[0] & 0xFF;
    if (n == 0 || carried.length < 1 + n) {
      throw tampered(id);
    }
    try {
      return ClientId.of(new String(carried, 1, n, StandardCharsets.US_ASCII));
    } catch (InvalidInputException e) {
      throw tampered(id);
    }
  }

  /**
   * Whether the entry's sealed checks include one of {@code wanted}: false means the record does
   * not hold any of the values the checks stand for.
   *
   * @throws TamperedException if the carried bytes fail authentication under {@code keys}
   */
  static boolean holdsAny(ClientKeys keys, RecordId id, IndexTerm term, byte[] carried,
      List<byte[]> wanted) {
    int n = carried[0] & 0xFF;
    byte[] checks;
    try {
      checks = keys.aead().decrypt(Arrays.copyOfRange(carried, 1 + n, carried.length),
          aad(term, id, keys.client()));
    } catch (GeneralSecurityException e) {
      throw tampered(id);
    }
    for (byte[] check : wanted) {
      for (int at = 0; at + check.length <= checks.length; at += check.length) {
        if (MessageDigest.isEqual(check, Arrays.copyOfRange(checks, at, at + check.length))) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] aad(IndexTerm term, RecordId id, ClientId client) {
    byte[] bytes = term.term();
    return new AadBuilder(96 + bytes.length).utf(LABEL).i32(VERSION).utf(term.index())
        .i32(bytes.length).bytes(bytes).utf(id.value()).utf(client.value()).toByteArray();
  }

  private static TamperedException tampered(RecordId id) {
    return new TamperedException("the index entry of record " + id.value()
        + " failed authentication: it was changed, or moved from another record or term");
  }
}
