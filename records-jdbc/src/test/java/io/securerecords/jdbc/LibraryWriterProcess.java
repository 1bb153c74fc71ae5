package io.securerecords.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.error.ConflictException;
import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.store.KeyName;
import io.securerecords.crypto.RecordMetadata;
import io.securerecords.crypto.Release;
import io.securerecords.crypto.ReleasedRecord;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.log.Checkpoint;
import io.securerecords.crypto.log.LogVerification;
import io.securerecords.crypto.token.Requester;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A writer in its own JVM that runs the real library ({@link SecureRecords} with Tink keys, a
 * development KEK file shared with the parent) over a {@link JdbcRecordStore}, for the tests of
 * several processes on one database and of a writer killed mid-stream.
 *
 * <p>{@code main(url, prefix, kekFile, writer, count, startAtMillis)} opens the store and KEK,
 * waits until {@code startAtMillis} (so that two writers build their {@code SecureRecords} at the
 * same moment and race to create the library's own keys), builds, and then for each {@code i}
 * below {@code count} (forever when count is 0): puts a client's Basic Record and IST casework,
 * logs an enquiry, decides a service-delivery disclosure and releases it; the last three each
 * append one entry to the shared enquiry log. It reports on stdout, after each commit:
 * {@code client <clientId> <recordId>...} and {@code log <operation> [<position>]}; and {@code conflict
 * <operation>} when the library gave up on a lost race and the operation was run again. With a
 * negative count it only builds the library, verifies the log, prints {@code verified <intact>
 * <entries>} and exits (0 if the log is intact).
 */
public final class LibraryWriterProcess {
  static final String ADVISER = "Alex Adviser";
  static final String RECIPIENT = "psu-ist";
  static final Requester ADVISER_REQUESTER =
      new Requester(ADVISER, "Professional Support Unit", "Adviser", "alex@hee.nhs.uk");
  static final Requester DECIDER =
      new Requester("Dana Duty", "Professional Support Unit", "Duty Manager", "psu.lase@hee.nhs.uk");
  private static final int ATTEMPTS = 20;

  private LibraryWriterProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String prefix = args[1];
    Path kekFile = Path.of(args[2]);
    String writer = args[3];
    int count = Integer.parseInt(args[4]);
    long startAt = Long.parseLong(args[5]);
    JdbcRecordStore store = JdbcRecordStore.builder(TestDatabases.forUrl(url)).tablePrefix(prefix).build();
    KeyEncryptionKey kek = KeyEncryptionKey.developmentFile(kekFile);
    if (startAt > 0) {
      // Wait for the parent's "go" on stdin, so two writers start together without sleeping.
      new java.io.BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    SecureRecords records = SecureRecords.builder().store(store).kek(kek).build();
    report("ready");
    if (count < 0) {
      // Only open the library over what another process made, and verify the log.
      LogVerification verified = records.verifyLog(Checkpoint.EMPTY);
      report("verified " + verified.intact() + " " + verified.entries());
      System.exit(verified.intact() ? 0 : 3);
    }
    for (int n = 0; count == 0 || n < count; n++) {
      int i = n;
      ClientId client = ClientId.of("w" + writer.toLowerCase(java.util.Locale.ROOT) + "-" + i);
      RecordId basic = records.put(client, basicRecord(writer, i));
      RecordId ist = records.put(client, casework());
      report("client " + client.value() + " " + basic.value() + " " + ist.value());

      long enquiry = retrying("enquiry", () -> records.logEnquiry(client, Purpose.SERVICE_DELIVERY,
          ADVISER_REQUESTER, "telephone enquiry " + i));
      report("log enquiry " + enquiry);

      String token = retrying("decide", () -> records.decide(records.newDecision()
          .subject(client)
          .purpose(Purpose.SERVICE_DELIVERY)
          .audience(RECIPIENT)
          .requester(ADVISER_REQUESTER)
          .reason("service delivery " + i)
          .fieldClasses(EnumSet.complementOf(EnumSet.of(FieldClass.DEMOGRAPHIC)))
          .build(), DECIDER));
      report("log decide");

      Release release = retrying("release", () -> records.release(token, RECIPIENT));
      Set<RecordId> released = release.records().stream().map(ReleasedRecord::id).collect(Collectors.toSet());
      if (!released.equals(Set.of(basic, ist))) {
        throw new IllegalStateException("release " + i + " of " + writer + " gave " + released);
      }
      report("log release " + release.logSequence());
    }
  }

  /** Runs an operation again when the library gives up on a lost race (nothing was written). */
  private static <T> T retrying(String operation, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (ConflictException e) {
        if (attempt >= ATTEMPTS) {
          throw e;
        }
        report("conflict " + operation);
      }
    }
  }

  private static void report(String line) {
    System.out.println(line);
    System.out.flush();
  }

  static String fullName(String writer, int i) {
    return "Dr Canary Writer" + writer + " Number" + i;
  }

  static String email(ClientId client) {
    return client.value() + "@example.org";
  }

  private static BasicRecord basicRecord(String writer, int i) {
    ClientId client = ClientId.of("w" + writer.toLowerCase(java.util.Locale.ROOT) + "-" + i);
    return BasicRecord.builder(fullName(writer, i), new Registration(Register.GMC, "7654321"))
        .email(email(client))
        .postalAddress("1 Canary Wharf\nLondon")
        .profession(Profession.DOCTOR)
        .careerGrade("ST3")
        .employer("St Canary NHS Trust")
        .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
        .servicesAccessed(List.of("IST-PERF"))
        .build();
  }

  private static CaseworkRecord casework() {
    return CaseworkRecord.builder(Team.IST, "IST-PERF", LocalDate.of(2026, 2, 4))
        .adviser(ADVISER)
        .administrator("Sam Admin")
        .summary("IST summary: canary exam preparation")
        .observations("IST observations canary")
        .build();
  }

  // ------------------------------------------------------------------ parent side

  /** Starts a writer JVM on the test classpath; its reports are collected as they arrive. */
  static Started start(String url, String prefix, Path kekFile, String writer, int count, long startAt)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        LibraryWriterProcess.class.getName(), url, prefix, kekFile.toString(), writer,
        Integer.toString(count), Long.toString(startAt))
        .redirectErrorStream(true)
        .start();
    return new Started(writer, process);
  }

  /** A running writer and what it has reported. */
  static final class Started {
    final String writer;
    final Process process;
    final Map<ClientId, List<RecordId>> clients = new ConcurrentHashMap<>();
    final AtomicInteger logEntries = new AtomicInteger();
    /** The log positions the writer learnt (of its enquiries and releases). */
    final java.util.Queue<Long> sequences = new java.util.concurrent.ConcurrentLinkedQueue<>();
    final AtomicInteger conflicts = new AtomicInteger();
    final StringBuffer output = new StringBuffer();
    volatile String verified;
    private final Thread reader;
    private final Object reported = new Object();
    private boolean ended;

    Started(String writer, Process process) {
      this.writer = writer;
      this.process = process;
      this.reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            if (line.startsWith("client ")) {
              String[] parts = line.split(" ");
              List<RecordId> ids = new ArrayList<>();
              for (int k = 2; k < parts.length; k++) {
                ids.add(RecordId.of(parts[k]));
              }
              clients.put(ClientId.of(parts[1]), List.copyOf(ids));
              synchronized (reported) {
                reported.notifyAll();
              }
            } else if (line.startsWith("log ")) {
              logEntries.incrementAndGet();
              String[] parts = line.split(" ");
              if (parts.length > 2) {
                sequences.add(Long.parseLong(parts[2]));
              }
            } else if (line.startsWith("conflict ")) {
              conflicts.incrementAndGet();
            } else if (line.startsWith("verified ")) {
              verified = line;
            } else if (output.length() < 20_000) {
              output.append(line).append('\n');
            }
          }
        } catch (IOException ignored) {
          // the process is gone
        }
        synchronized (reported) {
          ended = true;
          reported.notifyAll();
        }
      }, "reports of writer " + writer);
      reader.setDaemon(true);
      reader.start();
    }

    /** Tells a writer started with a start time to begin now. */
    void go() throws IOException {
      process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    }

    /**
     * Waits (on the reader's reports, not the clock) until the writer has reported {@code n}
     * clients, has ended, or {@code timeout} has passed.
     */
    void awaitClients(int n, java.time.Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      synchronized (reported) {
        while (clients.size() < n && !ended) {
          long left = end - System.nanoTime();
          if (left <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(reported, left);
        }
      }
    }

    /** Waits for the reports of a writer that has ended to be read to their end. */
    void drain() throws InterruptedException {
      reader.join(60_000);
    }

    int records() {
      return clients.values().stream().mapToInt(List::size).sum();
    }
  }

  /**
   * Opens the library over the store the writers used and checks what they left: the library
   * opens with the shared KEK, the log verifies from its start, every client and record the
   * writers reported is there and every log entry they reported is counted. With {@code exact}
   * (writers that finished), nothing else is there; otherwise (a killed writer) at most the
   * operation in flight when it died is extra. One of each library key is held, however many
   * processes raced to create them. Then every client held is released to themselves
   * (subject access), which opens and authenticates every one of their records, so only whole
   * records are present, and the log, now longer, verifies again.
   */
  static void assertLibraryOpensAndLogVerifies(JdbcRecordStore store, Path kekFile,
      List<Started> writers, boolean exact) {
    try (SecureRecords records = SecureRecords.builder().store(store)
        .kek(KeyEncryptionKey.developmentFile(kekFile)).build()) {
      LogVerification verified = records.verifyLog(Checkpoint.EMPTY);
      assertTrue(verified.intact(), "the log does not verify: " + verified.problems());
      assertEquals(store.logSize(), verified.entries(), "every entry was verified");
      long reported = writers.stream().mapToLong(w -> w.logEntries.get()).sum();
      if (exact) {
        assertEquals(reported, verified.entries(), "log entries reported by the writers");
      } else {
        assertTrue(verified.entries() >= reported, "log entries reported were lost: "
            + verified.entries() + " < " + reported);
        assertTrue(verified.entries() <= reported + writers.size(),
            "more log entries than the writers could have made: " + verified.entries() + " > " + reported);
      }

      // Records held, by client, read back through the store's metadata.
      Map<ClientId, Set<RecordId>> held = new TreeMap<>(java.util.Comparator.comparing(ClientId::value));
      List<RecordId> ids = store.recordIds(null, Integer.MAX_VALUE);
      for (RecordId id : ids) {
        RecordMetadata metadata = records.metadata(id);
        held.computeIfAbsent(metadata.client(), c -> new TreeSet<>(
            java.util.Comparator.comparing(RecordId::value))).add(id);
      }
      Map<ClientId, Set<RecordId>> expected = new LinkedHashMap<>();
      for (Started w : writers) {
        w.clients.forEach((client, recordIds) -> expected.put(client, Set.copyOf(recordIds)));
      }
      for (Map.Entry<ClientId, Set<RecordId>> e : expected.entrySet()) {
        assertTrue(held.containsKey(e.getKey()), "client " + e.getKey().value() + " is missing");
        assertTrue(held.get(e.getKey()).containsAll(e.getValue()),
            "records of client " + e.getKey().value() + " are missing");
      }
      int reportedRecords = writers.stream().mapToInt(Started::records).sum();
      if (exact) {
        assertEquals(expected.keySet(), held.keySet(), "clients held");
        assertEquals(reportedRecords, ids.size(), "records held");
      } else {
        assertTrue(ids.size() <= reportedRecords + 2 * writers.size(),
            "more records than the writers could have made: " + ids.size());
      }
      // One of each library key, however many processes raced to create them.
      for (String name : List.of("kek-check", "log-subject", "log-signing", "token-signing")) {
        assertEquals(1L, store.key(KeyName.system(name)).orElseThrow(
            () -> new AssertionError("library key " + name + " is missing")).version(), name);
      }

      for (Map.Entry<ClientId, Set<RecordId>> e : held.entrySet()) {
        Set<RecordId> released = subjectAccess(records, e.getKey());
        assertEquals(e.getValue(), released, "subject access of " + e.getKey().value());
      }
      LogVerification after = records.verifyLog(verified.head());
      assertTrue(after.intact(), "the log does not verify after more entries: " + after.problems());
      assertEquals(verified.entries() + 2L * held.size(), after.entries(), "a decision and a release each");
    }
  }

  /** The client's own subject-access release of everything: the ids released. */
  private static Set<RecordId> subjectAccess(SecureRecords records, ClientId client) {
    String writerAndNumber = client.value().substring(1);
    String writer = writerAndNumber.substring(0, writerAndNumber.indexOf('-')).toUpperCase(java.util.Locale.ROOT);
    int i = Integer.parseInt(writerAndNumber.substring(writerAndNumber.indexOf('-') + 1));
    Requester self = new Requester(fullName(writer, i), "self", "Client", email(client));
    String token = records.decide(records.newDecision()
        .subject(client)
        .purpose(Purpose.SUBJECT_ACCESS)
        .audience("the-client")
        .requester(self)
        .reason("subject access request")
        .fieldClasses(EnumSet.allOf(FieldClass.class))
        .build(), DECIDER);
    Release release = records.release(token, "the-client");
    Set<RecordId> out = new TreeSet<>(java.util.Comparator.comparing(RecordId::value));
    release.records().forEach(r -> out.add(r.id()));
    return out;
  }
}
