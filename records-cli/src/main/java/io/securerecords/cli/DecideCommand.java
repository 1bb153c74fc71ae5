package io.securerecords.cli;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.token.AccessTokenClaims;
import io.securerecords.crypto.token.Approval;
import io.securerecords.crypto.token.Requester;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Records a disclosure decision in the enquiry log and prints its signed access token (a JWT):
 * the recipient presents it with {@code release}, {@code find}, {@code rectify} or {@code stats}.
 */
@Command(name = "decide", mixinStandardHelpOptions = true,
    description = "Record a disclosure decision in the enquiry log and print its access token."
        + " Refused decisions (e.g. 2.3 without senior approval) are logged and exit 1.")
final class DecideCommand extends Base {
  @Option(names = "--client", required = true, paramLabel = "CLIENT_ID",
      description = "The client the disclosure is about, or `all` for equality monitoring and"
          + " searches across clients.")
  String client;

  @Option(names = "--purpose", required = true, paramLabel = "PURPOSE",
      description = "The basis in the notice: ${COMPLETION-CANDIDATES}.")
  Purpose purpose;

  @Option(names = "--recipient", required = true, paramLabel = "RECIPIENT",
      description = "Who will present the token (its audience), e.g. ro-office, client.")
  String recipient;

  @Mixin
  RequesterOptions requester;

  @Option(names = "--reason", required = true, description = "Why it is disclosed.")
  String reason;

  @Option(names = "--classes", required = true, split = ",", paramLabel = "CLASS",
      description = "Field classes asked for, explicitly: ${COMPLETION-CANDIDATES}, or ALL.")
  List<String> classes;

  @Option(names = "--records", split = ",", paramLabel = "RECORD_ID",
      description = "Limit the token to these records.")
  List<String> records;

  @Option(names = "--legal-reference", paramLabel = "REF",
      description = "The court order, statute, lawful basis or requirement (2.1, 2.3 to 2.5).")
  String legalReference;

  @Option(names = "--approved-by", paramLabel = "NAME",
      description = "Who approved it (2.3 to 2.5 need a designated senior role).")
  String approvedBy;

  @Option(names = "--approver-role", paramLabel = "ROLE",
      defaultValue = SecureRecords.HEAD_OF_PSU,
      description = "The approver's role (default: ${DEFAULT-VALUE}).")
  String approverRole;

  @Option(names = "--ack-digest", paramLabel = "DIGEST",
      description = "The digest printed by `acknowledge` (supervisor feedback).")
  String ackDigest;

  @Option(names = "--max-uses", defaultValue = "1", description = "How often it may be presented.")
  int maxUses;

  @Option(names = "--decided-by", required = true, paramLabel = "NAME",
      description = "Who took the decision.")
  String decidedBy;

  @Option(names = "--decider-role", defaultValue = "PSU duty manager", paramLabel = "ROLE",
      description = "Their role (default: ${DEFAULT-VALUE}).")
  String deciderRole;

  @Override
  int run() {
    try (Workspace ws = open()) {
      SecureRecords sr = ws.records();
      ClientId subject = "all".equals(client) ? SecureRecords.ALL_CLIENTS : ClientId.of(client);
      AccessTokenClaims.Builder claims = sr.newDecision().subject(subject).purpose(purpose)
          .audience(recipient).requester(requester(requester)).reason(reason)
          .fieldClasses(fieldClasses(classes)).maxUses(maxUses);
      if (records != null) {
        Set<RecordId> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.add(RecordId.of(r)));
        claims.records(ids);
      }
      if (legalReference != null) {
        claims.legalReference(legalReference);
      }
      if (approvedBy != null) {
        claims.approval(new Approval(approvedBy, approverRole));
      }
      if (ackDigest != null) {
        claims.ackDigest(ackDigest);
      }
      String token = sr.decide(claims.build(),
          new Requester(decidedBy, "PSU", deciderRole, "psu"));
      if (json()) {
        var o = object();
        o.put("token", token);
        o.put("purpose", purpose.name());
        o.put("clause", purpose.clause());
        o.put("recipient", recipient);
        printJson(o);
      } else {
        out().println(token);
      }
      return PsuRecords.OK;
    }
  }

  static Set<FieldClass> fieldClasses(List<String> names) {
    Set<FieldClass> out = EnumSet.noneOf(FieldClass.class);
    for (String name : names) {
      if ("ALL".equalsIgnoreCase(name.strip())) {
        out.addAll(EnumSet.allOf(FieldClass.class));
        continue;
      }
      try {
        out.add(FieldClass.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--classes: unknown field class (expected one of "
            + java.util.Arrays.toString(FieldClass.values()) + ")");
      }
    }
    return out;
  }
}
