package io.securerecords.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import io.securerecords.api.error.ErasedException;
import io.securerecords.api.error.TamperedException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.LogEntry;
import io.securerecords.api.store.RecordStore;
import io.securerecords.crypto.log.Decision;
import io.securerecords.crypto.log.LogVerifier;
import io.securerecords.crypto.log.SealedEnquiry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.List;

/**
 * Writes and opens enquiry-log entries (notice 1.3). Each entry's subject (the client id) is
 * sealed under the log key and its body under the client's own data key, so erasing the client
 * makes their entries unreadable while the chain and signatures still verify.
 */
final class EnquiryLog {
  static final KeyName SUBJECT_KEY = KeyName.system("log-subject");
  static final KeyName SIGNING_KEY = KeyName.system("log-signing");

  private final RecordStore store;
  private final DataKeys dataKeys;
  private final Clock clock;
  private final Aead subjectAead;
  private final PublicKeySign signer;
  private final KeysetHandle publicKeyset;

  EnquiryLog(RecordStore store, SystemKeys systemKeys, DataKeys dataKeys, Clock clock) {
    this.store = store;
    this.dataKeys = dataKeys;
    this.clock = clock;
    try {
      this.subjectAead = systemKeys.loadOrCreate(SUBJECT_KEY, PredefinedAeadParameters.AES256_GCM)
          .getPrimitive(RegistryConfiguration.get(), Aead.class);
      // Ed25519 for new logs: about five times cheaper to sign than P-256 on the JDK, and every
      // enquiry signs an entry. A store whose log key was made as ECDSA P-256 keeps it: the
      // signer and the verifier take whatever the stored keyset holds.
      KeysetHandle signing =
          systemKeys.loadOrCreate(SIGNING_KEY, PredefinedSignatureParameters.ED25519);
      this.signer = signing.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
      this.publicKeyset = signing.getPublicKeysetHandle();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the log keys are not usable", e);
    }
  }

  /** The public keyset auditors verify the log with. */
  KeysetHandle publicKeyset() {
    return publicKeyset;
  }

  /** Signs a checkpoint with the log's signing key. */
  io.securerecords.crypto.log.SignedCheckpoint sign(io.securerecords.crypto.log.Checkpoint c) {
    try {
      return new io.securerecords.crypto.log.SignedCheckpoint(c,
          signer.sign(io.securerecords.crypto.log.SignedCheckpoint.signedBytes(c)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not sign a checkpoint", e);
    }
  }

  LogVerifier verifier() {
    return new LogVerifier(publicKeyset);
  }

  /**
   * Seals the next entry, to be appended in the caller's batch. If another writer appends first,
   * the batch fails with a conflict and the caller seals again.
   *
   * @param client the client the enquiry is about, or null if it named no known client
   * @param clientKeys the client's keys when their body is to be sealed under them, else null
   */
  LogEntry next(ClientId client, ClientKeys clientKeys, Purpose purpose, Decision decision,
      byte[] body) {
    long sequence = store.logSize();
    return next(sequence, head(sequence), client, clientKeys, purpose, decision, body);
  }

  /** The hash of the entry before {@code sequence} (zeros at the start). */
  byte[] head(long sequence) {
    return sequence == 0
        ? new byte[32]
        : SealedEnquiry.hash(store.log(sequence - 1, 1).get(0).sealed());
  }

  /** Seals the entry at {@code sequence}, following the entry whose hash is {@code previous}. */
  LogEntry next(long sequence, byte[] previous, ClientId client, ClientKeys clientKeys,
      Purpose purpose, Decision decision, byte[] body) {
    boolean underClient = clientKeys != null;
    SealedEnquiry unsealed = new SealedEnquiry(sequence, clock.instant(), purpose, decision,
        underClient, previous, new byte[0], new byte[0], new byte[0]);
    byte[] header = unsealed.header();
    try {
      byte[] subject = subjectAead.encrypt(
          client == null ? new byte[0] : client.value().getBytes(StandardCharsets.UTF_8), header);
      byte[] sealedBody = (underClient ? clientKeys.aead() : subjectAead).encrypt(body, header);
      SealedEnquiry unsigned = new SealedEnquiry(sequence, unsealed.time(), purpose, decision,
          underClient, previous, subject, sealedBody, new byte[0]);
      byte[] signature = signer.sign(unsigned.signed());
      SealedEnquiry signed = new SealedEnquiry(sequence, unsealed.time(), purpose, decision,
          underClient, previous, subject, sealedBody, signature);
      return new LogEntry(sequence, signed.toBytes());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not seal log entry " + sequence, e);
    }
  }

  /** An entry as far as it can be opened. */
  record Opened(SealedEnquiry entry, ClientId client, Status status, byte[] body) {}

  /** Whether an entry's body could be read. */
  enum Status {
    OPEN,
    ERASED,
    TAMPERED
  }

  /** Opens an entry: its subject with the log key, its body with the client's key. */
  Opened open(LogEntry stored) {
    SealedEnquiry entry;
    try {
      entry = SealedEnquiry.parse(stored.sequence(), stored.sealed());
    } catch (TamperedException e) {
      return new Opened(null, null, Status.TAMPERED, null);
    }
    byte[] header = entry.header();
    ClientId client;
    try {
      byte[] subject = subjectAead.decrypt(entry.subject(), header);
      client = subject.length == 0 ? null : ClientId.of(new String(subject, StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | RuntimeException e) {
      return new Opened(entry, null, Status.TAMPERED, null);
    }
    try {
      Aead aead = entry.bodyUnderClientKey() ? dataKeys.current(client).aead() : subjectAead;
      return new Opened(entry, client, Status.OPEN, aead.decrypt(entry.body(), header));
    } catch (ErasedException e) {
      return new Opened(entry, client, Status.ERASED, null);
    } catch (GeneralSecurityException | RuntimeException e) {
      return new Opened(entry, client, Status.TAMPERED, null);
    }
  }

  /** Every entry from {@code from}, opened. */
  List<Opened> read(long from, int limit) {
    return store.log(from, limit).stream().map(this::open).toList();
  }
}
