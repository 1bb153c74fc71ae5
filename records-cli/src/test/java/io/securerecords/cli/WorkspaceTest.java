package io.securerecords.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 stores the tool opens write every commit out before it returns (H2's default write
 * delay lost acknowledged commits when a process was killed), unless the URL says otherwise.
 */
class WorkspaceTest {
  @TempDir
  Path dir;

  @Test
  void anH2UrlGetsNoWriteDelayUnlessItSetsOne() {
    assertEquals("jdbc:h2:file:/x/records;WRITE_DELAY=0", Workspace.durable("jdbc:h2:file:/x/records"));
    assertEquals("jdbc:h2:file:/x/records;TRACE_LEVEL_FILE=0;WRITE_DELAY=0",
        Workspace.durable("jdbc:h2:file:/x/records;TRACE_LEVEL_FILE=0"));
    assertEquals("jdbc:h2:file:/x/records;write_delay=100",
        Workspace.durable("jdbc:h2:file:/x/records;write_delay=100"));
  }

  @Test
  void theDefaultStoreAndAGivenH2StoreHaveNoWriteDelay() throws Exception {
    for (String store : new String[] {null, "jdbc:h2:file:" + dir.resolve("given/records")}) {
      PsuRecords options = new PsuRecords(new Environment(dir));
      options.store = store;
      options.devKek = dir.resolve("kek-development.json");
      try (Workspace ws = Workspace.open(options, new PrintWriter(new StringWriter()));
          Connection c = ws.h2Database().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
              + " WHERE SETTING_NAME = 'WRITE_DELAY'")) {
        rs.next();
        assertEquals("0", rs.getString(1), "store " + store);
      }
    }
  }
}
