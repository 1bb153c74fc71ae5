package io.securerecords.lucene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.securerecords.api.policy.Purpose;
import io.securerecords.api.psu.Appointment;
import io.securerecords.api.psu.BasicRecord;
import io.securerecords.api.psu.CaseworkRecord;
import io.securerecords.api.psu.Message;
import io.securerecords.api.psu.Profession;
import io.securerecords.api.psu.ProgrammeRegion;
import io.securerecords.api.psu.Register;
import io.securerecords.api.psu.Registration;
import io.securerecords.api.psu.ResponsibleOfficer;
import io.securerecords.api.psu.Supervisor;
import io.securerecords.api.psu.Team;
import io.securerecords.api.psu.TrainingStatus;
import io.securerecords.api.record.ClientId;
import io.securerecords.api.record.RecordId;
import io.securerecords.crypto.SecureRecords;
import io.securerecords.crypto.kek.KeyEncryptionKey;
import io.securerecords.crypto.token.Requester;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PSU records sealed through {@link SecureRecords} into a Lucene index on disk: afterwards
 * no file in the index folder contains any of the plaintext values, in UTF-8, UTF-16LE or
 * UTF-16BE. A positive control (the client id, which is metadata in clear) shows the scan can
 * find what is there.
 *
 * <p>Scanning the files' bytes alone is not enough: Lucene compresses stored fields (LZ4 with a
 * preset dictionary, in blocks), which can split a stored value across a block boundary so that
 * its bytes never appear in one piece. So the scan also reads, through Lucene, every stored value
 * of every document (deleted ones included), every indexed term and every binary and sorted doc
 * value; the negative control shows an unsealed value is found that way.
 */
class LucenePlaintextScanTest {
  private static final List<Charset> FORMS =
      List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE);

  @TempDir Path folder;

  @Test
  void noFileInTheIndexFolderHoldsAPlaintextValue() throws IOException {
    List<String> canaries = new ArrayList<>();
    for (String what : List.of("fullname", "emaillocal", "emaildomain", "addressone",
        "addresstwo", "grade", "employer", "officer", "designatedbody", "supervisor",
        "supervisormail", "service", "ethnicity", "qualifiedat", "disability", "adviser",
        "administrator", "summary", "observations", "msgfrom", "msgto", "msgsubject", "msgbody",
        "enquiryreason")) {
      canaries.add("Qzv" + what + "Canary");
    }
    String registrationNumber = "7306519";
    Map<String, String> c = new TreeMap<>();
    for (String canary : canaries) {
      c.put(canary.substring(3, canary.length() - 6), canary);
    }

    ClientId client = ClientId.random();
    Path index = folder.resolve("index");
    LuceneRecordStore store = LuceneRecordStore.open(index);
    try (SecureRecords records = SecureRecords.builder()
        .store(store)
        .kek(KeyEncryptionKey.ephemeral())
        .build()) {
      BasicRecord basic = BasicRecord.builder(c.get("fullname"),
              new Registration(Register.GMC, registrationNumber))
          .email(c.get("emaillocal") + "@" + c.get("emaildomain") + ".org")
          .postalAddress(c.get("addressone") + "\n" + c.get("addresstwo"))
          .profession(Profession.DOCTOR)
          .careerGrade(c.get("grade"))
          .employer(c.get("employer"))
          .responsibleOfficer(new ResponsibleOfficer(c.get("officer"), c.get("designatedbody")))
          .supervisor(new Supervisor(c.get("supervisor"), c.get("supervisormail") + "@nhs.org"))
          .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
          .programmeRegion(ProgrammeRegion.LONDON)
          .servicesAccessed(List.of(c.get("service")))
          .appointments(List.of(new Appointment(LocalDate.of(2031, 2, 3), Team.COACHING)))
          .ethnicity(c.get("ethnicity"))
          .primaryQualificationPlace(c.get("qualifiedat"))
          .disability(c.get("disability"))
          .build();
      CaseworkRecord casework = CaseworkRecord.builder(Team.COACHING, "coaching",
              LocalDate.of(2031, 2, 3))
          .adviser(c.get("adviser"))
          .administrator(c.get("administrator"))
          .summary(c.get("summary"))
          .correspondence(List.of(new Message(LocalDate.of(2031, 2, 4), c.get("msgfrom"),
              c.get("msgto"), c.get("msgsubject"), c.get("msgbody"))))
          .observations(c.get("observations"))
          .build();
      RecordId basicId = records.put(client, basic);
      RecordId caseworkId = records.put(client, casework);
      records.update(caseworkId, casework.toBuilder().summary(c.get("summary") + "Two").build(), 1);
      records.logEnquiry(client, Purpose.RESPONSIBLE_OFFICER_AWARENESS,
          new Requester("An Officer", "A Body", "responsible officer", "ro@example.org"),
          c.get("enquiryreason"));

      assertTrue(store.record(basicId).isPresent());
      assertEquals(2, store.records(client).size());
    }

    canaries.add(registrationNumber);
    Map<String, byte[]> files = readAll(index);
    files.putAll(readThroughLucene(index));
    assertTrue(files.size() > 1, "the index has files: " + files.keySet());
    for (String canary : canaries) {
      for (Charset form : FORMS) {
        byte[] needle = canary.getBytes(form);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
          assertEquals(-1, indexOf(file.getValue(), needle),
              () -> file.getKey() + " holds a plaintext value in " + form);
        }
      }
    }
    byte[] control = client.value().getBytes(StandardCharsets.UTF_8);
    assertTrue(files.values().stream().anyMatch(bytes -> indexOf(bytes, control) >= 0),
        "the scan finds the client id, which is stored in clear");
  }

  /** The negative control: a value handed to the store unsealed is found by the same scan. */
  @Test
  void theScanFindsAValueStoredUnsealed() throws IOException {
    Path index = folder.resolve("unsealed");
    String canary = "QzvunsealedCanary";
    io.securerecords.api.store.SealedRecord base = Batches.record(0);
    try (LuceneRecordStore store = LuceneRecordStore.open(index)) {
      store.write(io.securerecords.api.store.WriteBatch.builder()
          .putRecord(new io.securerecords.api.store.SealedRecord(base.id(), base.type(),
              base.client(), 1, base.created(), base.updated(), base.format(),
              List.of(new io.securerecords.api.store.SealedField("note",
                  canary.getBytes(StandardCharsets.UTF_16LE))),
              base.mac()), 0)
          .build());
    }
    byte[] needle = canary.getBytes(StandardCharsets.UTF_16LE);
    assertTrue(readThroughLucene(index).values().stream()
            .anyMatch(bytes -> indexOf(bytes, needle) >= 0),
        "an unsealed value is visible to the scan");
  }

  private static Map<String, byte[]> readAll(Path folder) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        out.put(folder.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  /** Every stored value, indexed term, binary and sorted doc value in the index, decompressed. */
  private static Map<String, byte[]> readThroughLucene(Path folder) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Directory directory = FSDirectory.open(folder);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        String segment = "segment " + leaf.ord;
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) { // live or deleted
          int d = doc;
          stored.document(doc, new StoredFieldVisitor() {
            private int n;

            @Override
            public Status needsField(FieldInfo fieldInfo) {
              return Status.YES;
            }

            @Override
            public void binaryField(FieldInfo fieldInfo, byte[] value) {
              out.put(segment + " doc " + d + " stored " + fieldInfo.name + " #" + n++, value);
            }

            @Override
            public void stringField(FieldInfo fieldInfo, String value) {
              out.put(segment + " doc " + d + " stored " + fieldInfo.name + " #" + n++,
                  value.getBytes(StandardCharsets.UTF_8));
            }
          });
        }
        for (FieldInfo field : leaf.reader().getFieldInfos()) {
          Terms terms = leaf.reader().terms(field.name);
          if (terms != null) {
            TermsEnum e = terms.iterator();
            for (BytesRef t = e.next(); t != null; t = e.next()) {
              out.put(segment + " term " + field.name + " " + t, BytesRef.deepCopyOf(t).bytes);
            }
          }
          if (field.getDocValuesType() == DocValuesType.BINARY) {
            BinaryDocValues values = leaf.reader().getBinaryDocValues(field.name);
            for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS;
                doc = values.nextDoc()) {
              out.put(segment + " binary " + field.name + " doc " + doc,
                  BytesRef.deepCopyOf(values.binaryValue()).bytes);
            }
          }
          if (field.getDocValuesType() == DocValuesType.SORTED) {
            SortedDocValues values = leaf.reader().getSortedDocValues(field.name);
            for (int ord = 0; ord < values.getValueCount(); ord++) {
              out.put(segment + " sorted " + field.name + " " + ord,
                  BytesRef.deepCopyOf(values.lookupOrd(ord)).bytes);
            }
          }
        }
      }
    }
    return out;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
