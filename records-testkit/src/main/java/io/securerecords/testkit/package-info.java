/** The storage conformance suite: abstract tests every RecordStore must pass. */
package io.securerecords.testkit;
