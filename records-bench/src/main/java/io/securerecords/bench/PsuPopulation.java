package io.securerecords.bench;

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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible population of typical PSU clients: client {@code i} of a population is the same
 * on every run with the same seed, and can be made on its own (so a million clients are streamed,
 * never held). Each client has one Basic Record and one Casework Record of about 4 KB of summary,
 * correspondence and observations.
 *
 * <p>Register numbers are GMC numbers {@code 2000000 + i}: unique, so a lookup by register number
 * names exactly one client.
 */
public final class PsuPopulation {
  /** The seed every benchmark uses unless told otherwise. */
  public static final long DEFAULT_SEED = 20_260_308L;
  /** Every client's casework is advised by one of these (service delivery checks the adviser). */
  static final String[] ADVISERS = {
    "Alex Adviser", "Bea Brown", "Cal Carter", "Dee Douglas", "Eli Evans", "Fay Foster",
    "Gus Grant", "Hal Hughes"
  };
  private static final String[] FIRST = {
    "Amira", "Ben", "Chloe", "Daniel", "Esther", "Farid", "Grace", "Hiro", "Ines", "Jonah",
    "Kemi", "Liam", "Maya", "Nikhil", "Olga", "Priya", "Quentin", "Rosa", "Sanjay", "Tomasz"
  };
  private static final String[] LAST = {
    "Osei", "Martin", "Nowak", "Patel", "Okafor", "Smith", "Khan", "Jones", "Garcia", "Williams",
    "Chen", "Murphy", "Ahmed", "Taylor", "Rossi", "Kowalski", "Singh", "Brown", "Evans", "Ali"
  };
  private static final String[] WORDS = (
      "objectives progress exam preparation consultation feedback supervisor trainee rotation "
      + "placement clinical communication confidence workload rota wellbeing support plan meeting "
      + "review agreed actions portfolio assessment competence skills reflection mentor session "
      + "referral occupational health adjustment return work leave training programme deanery "
      + "educational learning goals timeline evidence outcome concern patient safety team "
      + "colleagues handover documentation prescribing audit quality improvement research "
      + "teaching simulation practice interview career specialty application fellowship "
      + "language fluency pace clarity empathy listening structure explanation results "
      + "follow-up appointment calendar weeks months progress steady improved noted discussed "
      + "encouraged recommended arranged offered declined requested confirmed the a of and to in "
      + "with for on at by from about after before during between through without within")
      .split(" ");

  private final long seed;

  private PsuPopulation(long seed) {
    this.seed = seed;
  }

  /** The population made from this seed. */
  public static PsuPopulation withSeed(long seed) {
    return new PsuPopulation(seed);
  }

  /** The population of {@link #DEFAULT_SEED}. */
  public static PsuPopulation standard() {
    return withSeed(DEFAULT_SEED);
  }

  /** The id of client {@code i}, without generating their records. */
  public static ClientId clientId(int i) {
    return ClientId.of("client-" + i);
  }

  /** Client {@code i}: the same on every run with this population's seed. */
  public PsuClient client(int i) {
    if (i < 0 || i > 7_999_999) {
      throw new IllegalArgumentException("client index out of range: " + i);
    }
    SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
    String first = pick(random, FIRST);
    String last = pick(random, LAST);
    String name = "Dr " + first + " " + last;
    String number = Integer.toString(2_000_000 + i);
    String adviser = ADVISERS[i % ADVISERS.length];
    Team team = Team.values()[random.nextInt(Team.values().length)];
    LocalDate opened = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(6 * 365));
    String service = team.name() + "-" + (1 + random.nextInt(9));
    ProgrammeRegion region = ProgrammeRegion.values()[random.nextInt(3)];
    BasicRecord basic = BasicRecord.builder(name, Registration.parse(Register.GMC, "GMC " + number))
        .email(first.toLowerCase() + "." + last.toLowerCase() + i + "@nhs.net")
        .postalAddress((1 + random.nextInt(200)) + " " + pick(random, LAST) + " Road\nLondon")
        .profession(Profession.DOCTOR)
        .careerGrade("ST" + (1 + random.nextInt(8)))
        .employer(pick(random, LAST) + " Hospitals NHS Foundation Trust")
        .responsibleOfficer(new ResponsibleOfficer("Dr Rob Officer", "HEE " + region))
        .supervisor(new Supervisor("Dr Sue Pervisor", "sue.pervisor@nhs.net"))
        .trainingStatus(TrainingStatus.POSTGRADUATE_TRAINING)
        .programmeRegion(region)
        .servicesAccessed(List.of(service))
        .appointments(List.of(new Appointment(opened, team), new Appointment(opened.plusDays(28), team)))
        .ethnicity(random.nextBoolean() ? "prefer not to say" : "White British")
        .primaryQualificationPlace(random.nextBoolean() ? "United Kingdom" : "India")
        .build();
    List<Message> messages = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      messages.add(new Message(opened.plusDays(7L * (m + 1)), adviser, name,
          "Re: " + sentence(random, 40), text(random, 430)));
    }
    CaseworkRecord casework = CaseworkRecord.builder(team, service, opened)
        .adviser(adviser)
        .administrator("Sam Admin")
        .summary(text(random, 1_250))
        .correspondence(messages)
        .observations(text(random, 1_250))
        .build();
    return new PsuClient(clientId(i), i, basic, casework, adviser);
  }

  private static String pick(SplittableRandom random, String[] from) {
    return from[random.nextInt(from.length)];
  }

  private static String sentence(SplittableRandom random, int chars) {
    StringBuilder b = new StringBuilder(chars + 16);
    while (b.length() < chars) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(pick(random, WORDS));
    }
    b.setCharAt(0, Character.toUpperCase(b.charAt(0)));
    return b.toString();
  }

  /** About {@code chars} characters of sentences. */
  private static String text(SplittableRandom random, int chars) {
    StringBuilder b = new StringBuilder(chars + 100);
    while (b.length() < chars) {
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(sentence(random, 40 + random.nextInt(80))).append('.');
    }
    return b.toString();
  }

  /** One client: its id, its index in the population, its two records and its adviser. */
  public record PsuClient(
      ClientId id, int index, BasicRecord basic, CaseworkRecord casework, String adviser) {
    /** The register number, as the blind index and the plaintext column hold it. */
    public String registerNumber() {
      return basic.registration().number();
    }

    @Override
    public String toString() {
      return "PsuClient[" + index + "]";
    }
  }
}
