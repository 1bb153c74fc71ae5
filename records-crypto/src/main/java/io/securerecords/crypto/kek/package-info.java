/**
 * Key-encryption keys: the pluggable root of the key hierarchy (ephemeral, KMS, development
 * file). A KEK only ever encrypts keysets, never record data.
 */
package io.securerecords.crypto.kek;
