package io.securerecords.crypto.log;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;
import io.securerecords.api.error.TamperedException;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks the enquiry log with only the public signing key: no decryption key is needed, so an
 * auditor can run it on a copy of the store.
 *
 * <p>Detects an edited entry (signature), a removed, inserted or reordered entry (sequence and
 * hash chain), and, given an earlier {@link Checkpoint}, a truncated log or rewritten history.
 * Truncation of entries written after the newest checkpoint a verifier holds cannot be detected
 * by anyone: keep the returned {@link LogVerification#head()}.
 */
public final class LogVerifier {
  private static final int PAGE = 512;
  private final PublicKeyVerify verify;

  /** A verifier for the given public keyset (Tink, without secrets). */
  public LogVerifier(KeysetHandle publicKeyset) {
    try {
      SignatureConfig.register();
      this.verify = publicKeyset.getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a public signature keyset", e);
    }
  }

  /** A verifier from a public keyset serialised with Tink's binary format. */
  public static LogVerifier fromPublicKeyset(byte[] serialized) {
    try {
      SignatureConfig.register();
      return new LogVerifier(TinkProtoKeysetFormat.parseKeysetWithoutSecret(serialized));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a public signature keyset", e);
    }
  }

  /** Verifies the whole log against the empty checkpoint. */
  public LogVerification verify(RecordStore store) {
    return verify(store, Checkpoint.EMPTY);
  }

  /**
   * Verifies a signed checkpoint's signature, then the whole log against it.
   *
   * @throws TamperedException if the checkpoint was not signed by this log's key
   */
  public LogVerification verify(RecordStore store, SignedCheckpoint anchor) {
    try {
      verify.verify(anchor.signature(), SignedCheckpoint.signedBytes(anchor.checkpoint()));
    } catch (GeneralSecurityException e) {
      throw new TamperedException("the checkpoint is not signed by this log's key");
    }
    return verify(store, anchor.checkpoint());
  }

  /** Verifies the whole log, and that it still extends {@code anchor}. */
  public LogVerification verify(RecordStore store, Checkpoint anchor) {
    List<String> problems = new ArrayList<>();
    byte[] previous = new byte[32];
    long position = 0;
    for (List<LogEntry> page = store.log(0, PAGE); !page.isEmpty();
        page = store.log(position, PAGE)) {
      for (LogEntry stored : page) {
        byte[] bytes = stored.sealed();
        check(position, stored.sequence(), bytes, previous, problems);
        previous = SealedEnquiry.hash(bytes);
        position++;
        if (position == anchor.size() && !Arrays.equals(previous, anchor.head())) {
          problems.add("entries up to " + (position - 1) + " differ from the checkpoint:"
              + " history was rewritten");
        }
      }
    }
    if (position < anchor.size()) {
      problems.add("the log has " + position + " entries but the checkpoint covers "
          + anchor.size() + ": it was truncated");
    }
    return new LogVerification(problems.isEmpty(), position, new Checkpoint(position, previous),
        problems);
  }

  private void check(long position, long storedAt, byte[] bytes, byte[] previous,
      List<String> problems) {
    if (storedAt != position) {
      problems.add("entry " + position + " is stored at position " + storedAt);
    }
    SealedEnquiry entry;
    try {
      entry = SealedEnquiry.parse(position, bytes);
    } catch (TamperedException e) {
      problems.add(e.getMessage());
      return;
    }
    try {
      verify.verify(entry.signature(), entry.signed());
    } catch (GeneralSecurityException e) {
      problems.add("entry " + position + " fails its signature: it was altered or forged");
    }
    if (entry.sequence() != position) {
      problems.add("entry " + position + " was written as entry " + entry.sequence()
          + ": entries were removed, inserted or reordered");
    } else if (!Arrays.equals(entry.previous(), previous)) {
      problems.add("entry " + position + " does not follow entry " + (position - 1)
          + ": an entry before it was removed, replaced or reordered");
    }
  }
}
