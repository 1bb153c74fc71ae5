package io.securerecords.cli;

import io.securerecords.api.record.ClientId;
import io.securerecords.api.store.KeyEntry;
import io.securerecords.api.store.KeyName;
import io.securerecords.api.store.RecordStore;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.kek.TinkKeysetKek;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Key rotation without downtime. Every job writes one record or key per atomic write, so an
 * interruption never leaves anything half-rotated, and keeps a small state file in the store's
 * folder so that running the same command again resumes where it stopped.
 */
@Command(name = "rotate", mixinStandardHelpOptions = true,
    description = "Rotate keys; interrupt at will (Ctrl-C, kill) and run the same command again to"
        + " resume.",
    subcommands = {RotateCommand.Kek.class, RotateCommand.DataKeys.class,
        RotateCommand.IndexKeys.class, RotateCommand.TokenKeys.class})
final class RotateCommand extends Base {
  static final String RESUME = "Run the same command again to resume; nothing is half-rotated.";

  @Override
  int run() {
    spec.commandLine().usage(out());
    return PsuRecords.BAD_INPUT;
  }

  static Optional<String> readState(Path file) {
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
          : Optional.empty();
    } catch (IOException e) {
      throw new UsageException("cannot read the job state " + file, e);
    }
  }

  static void writeState(Path file, String state) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, state + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the job state " + file, e);
    }
  }

  static void clearState(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot remove the job state " + file, e);
    }
  }

  /** Every client whose data key is live (not erased), in order. */
  static List<ClientId> liveClients(RecordStore store) {
    List<ClientId> out = new ArrayList<>();
    KeyName after = null;
    for (List<KeyName> page = store.keyNames(null, 256); !page.isEmpty();
        page = store.keyNames(after, 256)) {
      for (KeyName name : page) {
        after = name;
        if (name.client().isPresent()
            && store.key(name).filter(k -> k instanceof KeyEntry.Wrapped).isPresent()) {
          out.add(name.client().get());
        }
      }
    }
    return out;
  }

  static void report(Base command, String job, long count, String what) {
    if (command.json()) {
      var o = command.object();
      o.put("job", job);
      o.put("count", count);
      o.put("of", what);
      o.put("done", true);
      command.printJson(o);
    } else {
      command.out().println(job + ": done, " + count + " " + what + ".");
    }
  }

  /** {@code rotate data-keys}: a new primary data key per client, then every record re-sealed. */
  @Command(name = "data-keys", mixinStandardHelpOptions = true,
      description = "Give every client (or one) a new primary data key and re-seal their records"
          + " under it, client by client. Resumable.")
  static final class DataKeys extends Base {
    @Option(names = "--client", paramLabel = "CLIENT_ID", description = "Only this client.")
    String client;

    @Option(names = "--restart", description = "Ignore an interrupted run and start over.")
    boolean restart;

    @Override
    int run() {
      try (Workspace ws = open()) {
        SecureRecords sr = ws.records();
        Path state = ws.stateFolder().resolve("rotate-data-keys.state");
        if (restart) {
          clearState(state);
        }
        List<ClientId> clients = client != null ? List.of(client(client))
            : liveClients(ws.store());
        Optional<String> resumeAfter = client != null ? Optional.empty() : readState(state);
        resumeAfter.ifPresent(last -> err().println("rotate data-keys: resuming after an"
            + " interrupted run (" + last.length() + "-character client id checkpoint)"));
        List<ClientId> todo = new ArrayList<>();
        for (ClientId c : clients) {
          if (resumeAfter.isEmpty() || c.value().compareTo(resumeAfter.get()) > 0) {
            todo.add(c);
          }
        }
        int done = 0;
        int resealed = 0;
        try (Progress progress = new Progress("rotate data-keys", todo.size(), err(),
            root().environment.terminal(), RESUME)) {
          for (ClientId c : todo) {
            // A client interrupted between these two steps is rotated again on resume: harmless,
            // its older keys still open its older fields until reseal moves them.
            sr.rotateDataKey(c);
            resealed += sr.reseal(c);
            done++;
            if (client == null) {
              writeState(state, c.value());
            }
            progress.step(done);
            root().environment.unitDone(done);
          }
        } catch (RuntimeException e) {
          err().println("rotate data-keys: stopped after " + done + " of " + todo.size()
              + " clients. " + RESUME);
          throw e;
        }
        clearState(state);
        report(this, "rotate data-keys", done, "clients rotated, " + resealed + " records re-sealed");
        return PsuRecords.OK;
      }
    }
  }

  /** {@code rotate kek}: a new KEK primary (or a move to another KMS key), then every key re-wrapped. */
  @Command(name = "kek", mixinStandardHelpOptions = true,
      description = "Rotate the key-encryption key and re-wrap every stored key under it. With the"
          + " development key file a new key is added to it; with --kek, give --to-kek NEW_URI"
          + " and use --kek NEW_URI from then on. Resumable.")
  static final class Kek extends Base {
    @Option(names = "--to-kek", paramLabel = "KEY_URI", description = "The new KMS key.")
    String toKek;

    @Override
    int run() throws GeneralSecurityException {
      try (Workspace ws = open()) {
        Path state = ws.stateFolder().resolve("rotate-kek.state");
        SecureRecords sr;
        SecureRecords migrating = null;
        if (toKek != null) {
          KeyEncryptionKey next = KeyEncryptionKey.fromKms(
              com.google.crypto.tink.KmsClients.get(toKek), toKek);
          migrating = SecureRecords.builder().store(ws.store())
              .kek(KeyEncryptionKey.migrating(ws.kek(), next)).build();
          sr = migrating;
        } else {
          TinkKeysetKek file = ws.developmentKek();
          if (file == null) {
            throw new UsageException("a KMS key is rotated in the KMS, or moved with --to-kek");
          }
          if (readState(state).isEmpty()) {
            file.rotate();
            writeState(state, "kek rotated; re-wrapping");
          } else {
            err().println("rotate kek: resuming the re-wrap of an interrupted run");
          }
          sr = ws.records();
        }
        int keys;
        try (Progress progress = new Progress("rotate kek", 1, err(),
            root().environment.terminal(), RESUME)) {
          keys = sr.rewrapKeys();
          progress.step(1);
        }
        clearState(state);
        report(this, "rotate kek", keys, "keys re-wrapped");
        if (toKek != null) {
          out().println("From now on run with --kek " + toKek);
        }
        return PsuRecords.OK;
      }
    }
  }

  /** {@code rotate index-keys}: new blind-index keys, every record re-indexed, old keys destroyed. */
  @Command(name = "index-keys", mixinStandardHelpOptions = true,
      description = "Rotate the blind-index keys (all, or --index NAME): new keys, every record"
          + " re-indexed (searches keep working meanwhile), then the old keys destroyed. Resumable.")
  static final class IndexKeys extends Base {
    @Option(names = "--index", paramLabel = "NAME")
    List<String> indexes;

    @Override
    int run() {
      try (Workspace ws = open()) {
        SecureRecords sr = ws.records();
        Path state = ws.stateFolder().resolve("rotate-index-keys.state");
        Optional<String> resumed = readState(state);
        List<String> names;
        if (resumed.isPresent()) {
          names = List.of(resumed.get().split(","));
          err().println("rotate index-keys: resuming an interrupted run");
        } else {
          names = new ArrayList<>(indexes != null ? indexes : new TreeSet<>(sr.indexNames()));
          for (String name : names) {
            if (!sr.indexNames().contains(name)) {
              throw new UsageException("--index: no such index (declared: " + sr.indexNames() + ")");
            }
          }
          writeState(state, String.join(",", names));
          for (String name : names) {
            Optional<KeyEntry> previous = ws.store().key(KeyName.system("index." + name + ".previous"));
            if (previous.isEmpty() || !(previous.get() instanceof KeyEntry.Wrapped)) {
              sr.rotateIndexKey(name);
            }
          }
        }
        int records;
        try (Progress progress = new Progress("rotate index-keys", 1, err(),
            root().environment.terminal(), RESUME)) {
          records = sr.reindex();
          progress.step(1);
        }
        names.forEach(sr::finishIndexRotation);
        clearState(state);
        report(this, "rotate index-keys", records, "records re-indexed under " + names.size()
            + " new index keys");
        return PsuRecords.OK;
      }
    }
  }

  /** {@code rotate token-keys}: a new token-signing key; publish the new JWK set. */
  @Command(name = "token-keys", mixinStandardHelpOptions = true,
      description = "Add a new primary token-signing key; older tokens verify until they expire."
          + " Publish `keys jwks` again.")
  static final class TokenKeys extends Base {
    @Override
    int run() {
      try (Workspace ws = open()) {
        ws.records().rotateTokenKeys();
        report(this, "rotate token-keys", 1, "new signing key");
        return PsuRecords.OK;
      }
    }
  }
}
