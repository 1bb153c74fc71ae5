package io.securerecords.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.crypto.token.Requester;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command shares: the global options, the output streams, JSON and tables. */
abstract class Base implements Callable<Integer> {
  static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT);

  @Spec
  CommandSpec spec;

  PsuRecords root() {
    return (PsuRecords) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return root().json;
  }

  Workspace open() {
    return Workspace.open(root(), err());
  }

  @Override
  public final Integer call() throws Exception {
    return run();
  }

  /** The command's work; returns the exit code. */
  abstract int run() throws Exception;

  ObjectNode object() {
    return JSON.createObjectNode();
  }

  void printJson(Object value) {
    try {
      out().println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not print JSON", e);
    }
  }

  /** Prints rows as an aligned table with a header line. */
  void printTable(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (int r = 0; r < all.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = all.get(r).get(i);
        line.append(i == widths.length - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
      }
      out().println(line.toString().stripTrailing());
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
          rule.append("-".repeat(widths[i])).append(i == widths.length - 1 ? "" : "  ");
        }
        out().println(rule);
      }
    }
  }

  static ClientId client(String value) {
    if (value == null) {
      throw new UsageException("--client is required");
    }
    return ClientId.of(value);
  }

  static RecordId record(String option, String value) {
    if (value == null) {
      throw new UsageException(option + " is required");
    }
    return RecordId.of(value);
  }

  /** Who asked, from the usual four options. */
  static Requester requester(RequesterOptions o) {
    return new Requester(o.name, o.organisation, o.role, o.contact);
  }
}
