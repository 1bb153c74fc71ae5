/**
 * The storage conformance suite every {@link io.securerecords.api.store.RecordStore} must pass,
 * after Lucene's {@code BaseDirectoryTestCase}. A store module depends on {@code records-testkit}
 * in test scope and extends, in its own tests:
 *
 * <ul>
 *   <li>{@link io.securerecords.testkit.RecordStoreConformanceTest} (JUnit 5 examples, one per
 *       clause of the contract), and
 *   <li>{@link io.securerecords.testkit.RecordStoreStatefulProperties} (a jqwik stateful property
 *       comparing the store with a plain model of the contract),
 * </ul>
 *
 * <p>implementing {@code newStore()} (a fresh, empty store) and, if needed, {@code
 * closeStore(RecordStore)}. {@link io.securerecords.testkit.StoreFixtures} makes random sealed
 * records, keys, terms and log entries for a store's own extra tests.
 */
package io.securerecords.testkit;
