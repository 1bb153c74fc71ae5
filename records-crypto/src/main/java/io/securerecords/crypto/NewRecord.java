package io.securerecords.crypto;

import io.securerecords.api.record.ClientId;
import java.util.Objects;

/**
 * A record to seal with {@link SecureRecords#putAll}: the client it is about and its value, an
 * instance of a registered schema's Java type. Holds plaintext until sealed: its {@code toString}
 * names only the client and the value's type.
 *
 * @param client the client the record is about
 * @param value the record, e.g. a {@code BasicRecord} or {@code CaseworkRecord}
 */
public record NewRecord(ClientId client, Object value) {
  public NewRecord {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public String toString() {
    return "NewRecord[client=" + client.value() + ", type=" + value.getClass().getSimpleName() + "]";
  }
}
