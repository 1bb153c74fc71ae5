package io.securerecords.crypto;

import io.securerecords.api.record.ClientId;
import java.time.Instant;

/**
 * Proof of a crypto-shredding erasure: the client's data key was destroyed and their records
 * deleted. Any copy of their ciphertext elsewhere (a backup) can no longer be opened.
 *
 * @param client the erased client
 * @param recordsDeleted how many records were deleted
 * @param erasedAt when
 */
public record ErasureReceipt(ClientId client, int recordsDeleted, Instant erasedAt) {}
