/**
 * The storage SPI ({@link io.securerecords.api.store.RecordStore}), the sealed values it holds,
 * and the in-memory store. A store sees ids, types, versions, timestamps, field names,
 * ciphertext lengths and blinded terms; it never sees plaintext or unwrapped keys.
 */
package io.securerecords.api.store;
