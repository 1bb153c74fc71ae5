/**
 * A {@link io.securerecords.api.store.RecordStore} in H2, PostgreSQL or MariaDB over the host's
 * {@link javax.sql.DataSource}: {@link io.securerecords.jdbc.JdbcRecordStore}.
 *
 * <p>The tables hold sealed records (ciphertexts and MACs in binary columns), wrapped keys,
 * blinded index terms with the sealed bytes each entry carries, sealed log entries and token use
 * counts; no column holds plaintext, and the store never receives any. Metadata is in clear: ids,
 * types, client ids, key and field names, versions, timestamps, ciphertext lengths and carried
 * lengths.
 *
 * <p><b>Schema.</b> The migration files are on the classpath as {@code
 * db/migration/{h2,postgresql,mariadb}/V1__secure_records.sql} (the tables) and {@code
 * V2__term_carried.sql} (the term table's {@code carried} column), in Flyway's naming; every table
 * and index name starts with {@code sr_}. With Flyway, set {@code locations} to {@code
 * classpath:db/migration/postgresql} (or the folder of your dialect); with Liquibase, include
 * each file, in version order, in a {@code sqlFile} change set of its own. Without either, call {@link
 * io.securerecords.jdbc.JdbcRecordStore#migrate()}, which also creates the tables under another
 * prefix ({@link io.securerecords.jdbc.JdbcRecordStore.Builder#tablePrefix}). The table {@code
 * sr_schema_version} records the version; a store refuses to open on a newer one.
 */
package io.securerecords.jdbc;
