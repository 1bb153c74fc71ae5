/** Typed identifiers of clients and records. They are metadata: authenticated, never secret. */
package io.securerecords.api.record;
