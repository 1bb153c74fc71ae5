package io.securerecords.crypto.log;

import io.securerecords.api.error.TamperedException;
import io.securerecords.api.policy.Purpose;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One enquiry-log entry as stored. In clear (signed, not hidden): sequence, time, purpose,
 * decision, which key seals the body, and the hash of the previous entry. Sealed: the subject
 * (the client id, under the log key) and the body (requester, reason, what was released, under
 * the client's data key, so erasure makes it unreadable). The signature (Tink Ed25519, or ECDSA
 * P-256 where the log's key was made so by an earlier build) covers everything else, so verifying
 * the log needs only the public key.
 *
 * @param sequence position in the log, from 0
 * @param time when the enquiry was logged
 * @param purpose the purpose claimed, or null for an enquiry that named none
 * @param decision the decision
 * @param bodyUnderClientKey whether the body is sealed under the client's data key (else the log key)
 * @param previous SHA-256 of the previous entry's sealed bytes (zeros for the first)
 * @param subject the client id, sealed under the log key
 * @param body the enquiry's details, sealed
 * @param signature the signature over all of the above
 */
public record SealedEnquiry(
    long sequence,
    Instant time,
    Purpose purpose,
    Decision decision,
    boolean bodyUnderClientKey,
    byte[] previous,
    byte[] subject,
    byte[] body,
    byte[] signature) {
  private static final String MAGIC = "secure-records/log/v1";
  private static final int MAX_PART = 16 * 1024 * 1024;

  public SealedEnquiry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(decision, "decision");
    previous = previous.clone();
    subject = subject.clone();
    body = body.clone();
    signature = signature.clone();
  }

  /** The clear header: the associated data of both sealed parts. */
  public byte[] header() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF(MAGIC);
      out.writeLong(sequence);
      out.writeLong(time.getEpochSecond());
      out.writeInt(time.getNano());
      out.writeUTF(purpose == null ? "" : purpose.name());
      out.writeUTF(decision.name());
      out.writeBoolean(bodyUnderClientKey);
      out.writeInt(previous.length);
      out.write(previous);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the signature covers: header, subject and body. */
  public byte[] signed() {
    return concat(false);
  }

  /** The stored bytes. */
  public byte[] toBytes() {
    return concat(true);
  }

  private byte[] concat(boolean withSignature) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + body.length);
      DataOutputStream out = new DataOutputStream(bytes);
      byte[] header = header();
      out.writeInt(header.length);
      out.write(header);
      out.writeInt(subject.length);
      out.write(subject);
      out.writeInt(body.length);
      out.write(body);
      if (withSignature) {
        out.writeInt(signature.length);
        out.write(signature);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses stored bytes.
   *
   * @throws TamperedException if they are not a well-formed entry
   */
  public static SealedEnquiry parse(long position, byte[] stored) {
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored));
      DataInputStream header = new DataInputStream(new ByteArrayInputStream(part(in)));
      if (!MAGIC.equals(header.readUTF())) {
        throw new TamperedException("log entry " + position + " has an unknown format");
      }
      long sequence = header.readLong();
      Instant time = Instant.ofEpochSecond(header.readLong(), header.readInt());
      String purpose = header.readUTF();
      Decision decision = Decision.valueOf(header.readUTF());
      boolean underClient = header.readBoolean();
      byte[] previous = new byte[header.readInt()];
      header.readFully(previous);
      byte[] subject = part(in);
      byte[] body = part(in);
      byte[] signature = part(in);
      if (in.available() != 0 || header.available() != 0) {
        throw new TamperedException("log entry " + position + " has trailing bytes");
      }
      return new SealedEnquiry(sequence, time, purpose.isEmpty() ? null : Purpose.valueOf(purpose),
          decision, underClient, previous, subject, body, signature);
    } catch (IOException | IllegalArgumentException | java.time.DateTimeException e) {
      throw new TamperedException("log entry " + position + " is malformed", e);
    }
  }

  private static byte[] part(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_PART) {
      throw new IOException("impossible length");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  /**
   * SHA-256 of stored bytes: the chain link. Tink has no plain hash primitive; the JDK's SHA-256
   * is used for the hash chain only (see SECURITY.md).
   */
  public static byte[] hash(byte[] stored) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(stored);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public byte[] previous() {
    return previous.clone();
  }

  @Override
  public byte[] subject() {
    return subject.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedEnquiry e && Arrays.equals(toBytes(), e.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "SealedEnquiry[" + sequence + ", " + time + ", " + purpose + ", " + decision + "]";
  }
}
