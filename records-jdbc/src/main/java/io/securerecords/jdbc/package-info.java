/** RecordStore over JDBC (H2, PostgreSQL, MariaDB): not built yet, see issue 5. */
package io.securerecords.jdbc;
