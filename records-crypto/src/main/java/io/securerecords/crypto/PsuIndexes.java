package io.securerecords.crypto;

import io.securerecords.api.schema.RecordType;
import io.securerecords.api.index.IndexKind;
import io.securerecords.api.index.IndexSizing;
import io.securerecords.api.index.IndexSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The blind indexes the PSU schemas get by default, sized from the expected number of clients
 * with {@link IndexSizing} so that every term stands for several values.
 */
final class PsuIndexes {
  private PsuIndexes() {}

  static List<Indexes.Declared> defaults(long clients, boolean keywords, Set<RecordType> types) {
    List<Indexes.Declared> out = new ArrayList<>();
    if (types.contains(ClientFacts.BASIC)) {
      int perClient = IndexSizing.recommendedBits(clients);
      out.add(declare(ClientFacts.BASIC, IndexSpec.of("register", IndexKind.REGISTER_NUMBER,
          "registration", perClient)));
      out.add(declare(ClientFacts.BASIC,
          IndexSpec.of("name", IndexKind.NAME, "fullName", perClient).withAccentFolding()));
      out.add(declare(ClientFacts.BASIC, IndexSpec.of("email", IndexKind.EMAIL, "email", perClient)));
      // About ten years of months in use: each term stands for a few months.
      out.add(declare(ClientFacts.BASIC, IndexSpec.of("appointment-month", IndexKind.MONTH,
          "appointments", IndexSizing.recommendedBits(120))));
    }
    if (types.contains(ClientFacts.CASEWORK)) {
      // Five teams: no truncation can hide a team, so the term is kept short and honest.
      out.add(declare(ClientFacts.CASEWORK, IndexSpec.of("team", IndexKind.CODE, "team",
          IndexSpec.MIN_BITS)));
      out.add(declare(ClientFacts.CASEWORK, IndexSpec.of("opened-month", IndexKind.MONTH,
          "opened", IndexSizing.recommendedBits(120))));
      if (keywords) {
        out.add(declare(ClientFacts.CASEWORK, IndexSpec.of("summary-words", IndexKind.KEYWORD,
            "summary", IndexSizing.recommendedBits(50_000)).withAccentFolding()));
      }
    }
    return out;
  }

  private static Indexes.Declared declare(RecordType type, IndexSpec spec) {
    return new Indexes.Declared(type, spec);
  }
}
