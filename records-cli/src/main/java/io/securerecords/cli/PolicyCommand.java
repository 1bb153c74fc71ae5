package io.securerecords.cli;

import io.securerecords.api.policy.Allowance;
import io.securerecords.api.policy.PolicyRow;
import io.securerecords.api.policy.PolicyTable;
import io.securerecords.api.schema.FieldClass;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints the disclosure policy in force: the matrix of purposes and field classes. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Print the disclosure policy: which field classes each purpose of the notice may"
        + " release, and on which conditions. Needs no store.")
final class PolicyCommand extends Base {
  @Option(names = "--markdown", description = "Print the matrix as a Markdown table.")
  boolean markdown;

  @Override
  int run() {
    PolicyTable policy = PolicyTable.psuDefault();
    if (json()) {
      var rows = JSON.createArrayNode();
      for (PolicyRow row : policy.rows()) {
        var o = rows.addObject();
        o.put("purpose", row.purpose().name());
        o.put("clause", row.purpose().clause());
        var cells = o.putObject("classes");
        for (FieldClass c : FieldClass.values()) {
          Allowance a = row.allowance(c);
          cells.put(c.name(), a.name());
        }
        var conditions = o.putArray("conditions");
        row.conditions().forEach(c -> conditions.add(c.name()));
      }
      printJson(rows);
    } else {
      out().print(markdown ? policy.toMarkdown() : policy.toText());
    }
    return PsuRecords.OK;
  }
}
