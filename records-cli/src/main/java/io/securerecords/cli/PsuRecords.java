package io.securerecords.cli;

import io.securerecords.api.error.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code psu-records}: operates a secure-records store for the Professional Support Unit.
 *
 * <p>Exit codes, for scripts: {@value #OK} ok; {@value #REFUSED} refused, failed check or failed
 * operation (a refused disclosure, a log that does not verify, tampering, a store error); {@value
 * #BAD_INPUT} bad usage or input (unknown option, malformed id, a value that breaks the schema, an
 * unreadable file). Messages never contain a personal value; stack traces only with {@code
 * PSU_RECORDS_DEBUG=1}.
 */
@Command(
    name = "psu-records",
    mixinStandardHelpOptions = true,
    version = "psu-records 0.1.0",
    description = "Operates the PSU's encrypted casework store: load, disclose under the notice, "
        + "log, verify, rotate keys, erase.",
    footer = {"", "Exit codes: 0 ok, 1 refused or failed check, 2 bad usage or input.",
        "The default store is an embedded H2 database in ./psu-data with a DEVELOPMENT key file:"
            + " use --kek with a KMS key for real casework."},
    subcommands = {
        DemoCommand.class,
        InitCommand.class,
        ImportCommand.class,
        FindCommand.class,
        DecideCommand.class,
        ReleaseCommand.class,
        EnquiryCommand.class,
        ChoiceCommands.Consent.class,
        ChoiceCommands.Objection.class,
        ChoiceCommands.Acknowledge.class,
        LogCommand.class,
        SarCommand.class,
        RectifyCommand.class,
        EraseCommand.class,
        RotateCommand.class,
        StatsCommand.class,
        PolicyCommand.class,
        KeysCommand.class,
        CommandLine.HelpCommand.class
    })
public final class PsuRecords {
  /** Done. */
  public static final int OK = 0;
  /** Refused, a failed check, or a failed operation. */
  public static final int REFUSED = 1;
  /** Bad usage or input. */
  public static final int BAD_INPUT = 2;

  @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "STORE",
      description = "A jdbc: URL (H2, PostgreSQL, MariaDB; user and password from PSU_DB_USER and"
          + " PSU_DB_PASSWORD) or a folder for a Lucene store. Default: the H2 database in"
          + " ./psu-data.")
  String store;

  @Option(names = "--kek", scope = ScopeType.INHERIT, paramLabel = "KEY_URI",
      description = "The Tink KMS key URI of the key-encryption key (aws-kms://..., gcp-kms://...);"
          + " its KMS integration must be on the classpath (PSU_RECORDS_CLASSPATH). Default: a"
          + " development key file, NOT for production.")
  String kek;

  @Option(names = "--dev-kek", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "The development key file (default: kek-development.json in the store's"
          + " folder). The key sits in clear on disk: never for real casework.")
  Path devKek;

  @Option(names = "--json", scope = ScopeType.INHERIT,
      description = "Print the result as JSON instead of a table.")
  boolean json;

  /** The injected environment (for tests): where ./psu-data is, and hooks. */
  final Environment environment;

  PsuRecords(Environment environment) {
    this.environment = environment;
  }

  /** Runs the tool and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(new Environment(Path.of(""), done -> {}, System.console() != null), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true), args));
  }

  /** Runs the tool with the given streams and returns the exit code. */
  static int run(Environment environment, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(environment);
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(Environment environment) {
    CommandLine cli = new CommandLine(new PsuRecords(environment));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("psu-records: " + describe(e));
      if ("1".equals(System.getenv("PSU_RECORDS_DEBUG"))) {
        e.printStackTrace(err);
      }
      err.flush();
      return exitCodeOf(e);
    });
    return cli;
  }

  /** The exit code an exception stands for. */
  static int exitCodeOf(Throwable e) {
    if (e instanceof InvalidInputException || e instanceof UsageException
        || e instanceof IllegalArgumentException) {
      return BAD_INPUT;
    }
    return REFUSED;
  }

  /** A one-line message: the library's messages never contain a personal value. */
  static String describe(Throwable e) {
    String kind = switch (e.getClass().getSimpleName()) {
      case "RefusedException" -> "refused";
      case "TamperedException" -> "tampering detected";
      case "ErasedException" -> "erased";
      case "NotFoundException" -> "not found";
      case "ConflictException" -> "conflict";
      case "KeyUnavailableException" -> "key unavailable";
      case "InvalidInputException", "UsageException", "IllegalArgumentException" -> "bad input";
      case "StoreException" -> "store error";
      default -> "failed";
    };
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return kind + ": " + message;
  }
}
