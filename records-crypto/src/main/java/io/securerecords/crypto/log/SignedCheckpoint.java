package io.securerecords.crypto.log;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Objects;

/**
 * A {@link Checkpoint} signed with the log's signing key, to publish or hand to auditors: anyone
 * with the public key can check it came from this log, then verify that the log still extends it
 * (so entries covered by it cannot be truncated or rewritten unnoticed).
 *
 * @param checkpoint the size and head hash covered
 * @param signature the log key's signature (Ed25519, or ECDSA P-256 in older logs) over the
 *     checkpoint
 */
public record SignedCheckpoint(Checkpoint checkpoint, byte[] signature) {
  public SignedCheckpoint {
    Objects.requireNonNull(checkpoint, "checkpoint");
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The bytes the signature covers. */
  public static byte[] signedBytes(Checkpoint checkpoint) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeUTF("secure-records/checkpoint/v1");
      out.writeLong(checkpoint.size());
      out.write(checkpoint.head());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedCheckpoint s && checkpoint.equals(s.checkpoint)
        && java.util.Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return checkpoint.hashCode() * 31 + java.util.Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[" + checkpoint + ", "
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature) + "]";
  }
}
