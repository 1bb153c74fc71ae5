package io.securerecords.cli;

import picocli.CommandLine.Option;

/** Who asked (notice 1.3: the log records name, organisation, role and contact details). */
final class RequesterOptions {
  @Option(names = "--requester", required = true, paramLabel = "NAME",
      description = "Who asked: their name.")
  String name;

  @Option(names = "--organisation", required = true, paramLabel = "ORG",
      description = "The organisation they speak for.")
  String organisation;

  @Option(names = "--role", required = true, paramLabel = "ROLE",
      description = "Their role in it (e.g. \"Responsible Officer\").")
  String role;

  @Option(names = "--contact", required = true, paramLabel = "CONTACT",
      description = "How to reach them (email or telephone).")
  String contact;
}
