package io.securerecords.crypto;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.RecordType;
import io.securerecords.api.store.SealedRecord;
import java.time.Instant;

/**
 * What is visible about a record without opening it: the clear, authenticated metadata. Holds no
 * personal value.
 *
 * @param id the record
 * @param type its type
 * @param client the client it is about
 * @param version its version, for {@code update}
 * @param created when it was first sealed
 * @param updated when its content last changed
 */
public record RecordMetadata(
    RecordId id, RecordType type, ClientId client, long version, Instant created, Instant updated) {

  static RecordMetadata of(SealedRecord r) {
    return new RecordMetadata(r.id(), r.type(), r.client(), r.version(), r.created(), r.updated());
  }
}
