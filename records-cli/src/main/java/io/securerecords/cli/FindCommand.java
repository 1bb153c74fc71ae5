package io.securerecords.cli;

import io.securerecords.api.record.RecordId;
import io.securerecords.crypto.RecordMetadata;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.SearchResult;
import io.securerecords.api.index.IndexQuery;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Finds records: by client (clear metadata only, nothing decrypted) or through a blind index
 * with a token (a logged access like any release).
 */
@Command(name = "find", mixinStandardHelpOptions = true,
    description = {"Find records.",
        "  --client ID: list a client's records from clear metadata (nothing is decrypted).",
        "  --token T --recipient R --index NAME --value V...: search a blind index (register, name,"
            + " email, team; --from/--until for appointment-month, opened-month); logged."})
final class FindCommand extends Base {
  @Option(names = "--client", paramLabel = "CLIENT_ID")
  String client;

  @Option(names = "--source-client", paramLabel = "ID",
      description = "The client's id in the system an import came from (with --source-system):"
          + " finds the client id the import gave them.")
  String sourceClient;

  @Option(names = "--source-system", paramLabel = "NAME",
      description = "The mapping's sourceSystem.")
  String sourceSystem;

  @Option(names = "--token")
  String token;

  @Option(names = "--recipient")
  String recipient;

  @Option(names = "--index", paramLabel = "NAME")
  String index;

  @Option(names = "--value", paramLabel = "VALUE", description = "The value (repeat for compound"
      + " indexes).")
  List<String> values;

  @Option(names = "--from", paramLabel = "YYYY-MM")
  YearMonth from;

  @Option(names = "--until", paramLabel = "YYYY-MM")
  YearMonth until;

  @Option(names = "--after", paramLabel = "RECORD_ID", description = "The previous page's next.")
  String after;

  @Option(names = "--limit", defaultValue = "50")
  int limit;

  @Override
  int run() {
    if (sourceClient != null) {
      if (sourceSystem == null) {
        throw new UsageException("--source-client needs --source-system");
      }
      try (Workspace ws = open()) {
        client = SourceIds.load(ws.store(), ws.kek()).client(sourceSystem, sourceClient).value();
      }
    }
    if (client != null) {
      return byClient();
    }
    if (token == null || recipient == null || index == null) {
      throw new UsageException("give --client, or --token, --recipient and --index");
    }
    IndexQuery query;
    if (from != null || until != null) {
      query = IndexQuery.months(index, from != null ? from : until, until != null ? until : from);
    } else if (values == null || values.isEmpty()) {
      throw new UsageException("--value (or --from/--until) is required with --index");
    } else {
      query = IndexQuery.equal(index, values.toArray());
    }
    try (Workspace ws = open()) {
      SearchResult page = ws.records().search(token, recipient, query,
          after == null ? null : RecordId.of(after), limit);
      if (json()) {
        var o = object();
        var list = o.putArray("records");
        for (ReleasedRecord r : page.records()) {
          var item = list.addObject();
          item.put("id", r.id().value());
          item.put("type", r.type().name());
          var fields = item.putObject("fields");
          for (String f : r.fieldNames()) {
            fields.set(f, r.node(f));
          }
        }
        o.put("next", page.next() == null ? null : page.next().value());
        printJson(o);
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (ReleasedRecord r : page.records()) {
          for (String f : r.fieldNames()) {
            rows.add(List.of(r.id().value(), r.type().name(), f, r.json(f)));
          }
        }
        printTable(List.of("record", "type", "field", "value"), rows);
        out().println(page.records().size() + " records"
            + (page.next() == null ? "" : "; more with --after " + page.next().value()));
      }
      return PsuRecords.OK;
    }
  }

  private int byClient() {
    try (Workspace ws = open()) {
      List<RecordMetadata> found = ws.records().records(client(client));
      if (json()) {
        var list = JSON.createArrayNode();
        for (RecordMetadata m : found) {
          var item = list.addObject();
          item.put("id", m.id().value());
          item.put("type", m.type().name());
          item.put("version", m.version());
          item.put("created", m.created().toString());
          item.put("updated", m.updated().toString());
        }
        var o = object();
        o.put("client", client);
        o.set("records", list);
        printJson(o);
      } else {
        out().println("Client " + client);
        List<List<String>> rows = new ArrayList<>();
        for (RecordMetadata m : found) {
          rows.add(List.of(m.id().value(), m.type().name(), String.valueOf(m.version()),
              m.created().toString(), m.updated().toString()));
        }
        printTable(List.of("record", "type", "version", "created", "updated"), rows);
        out().println(found.size() + " records (metadata only: nothing was decrypted)");
      }
      return PsuRecords.OK;
    }
  }
}
