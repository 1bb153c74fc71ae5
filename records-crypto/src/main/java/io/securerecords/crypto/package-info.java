/** The entry point: the records facade and its builder. */
package io.securerecords.crypto;
