/**
 * Blind indexes: searchable terms for sealed fields that the store can compare for equality and
 * learns nothing else from.
 *
 * <p>An {@link io.securerecords.api.index.IndexSpec} declares an index over one field or a
 * combination of fields, each with an {@link io.securerecords.api.index.IndexKind} that fixes
 * how its values are normalised ({@link io.securerecords.api.index.Normaliser}). A {@link
 * io.securerecords.crypto.index.BlindIndex} turns normalised values into {@link
 * io.securerecords.api.store.IndexTerm}s: a keyed PRF (Tink HMAC-SHA256) under the index's own key,
 * over a length-prefixed, domain-separated encoding, truncated to the index's number of bits. {@link
 * io.securerecords.api.index.IndexSizing} recommends that number from the expected population,
 * so that every term stands for several values; the false positives this causes are removed after
 * decryption and are never shown to callers.
 */
package io.securerecords.crypto.index;
