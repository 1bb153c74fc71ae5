package io.securerecords.api.psu;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of valid PSU values for the properties: arbitrary Unicode where the rules allow it. */
final class PsuArbitraries {
  private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  private PsuArbitraries() {}

  /** Any Unicode scalar value, weighted towards the awkward ones. */
  static Arbitrary<Integer> codePoints() {
    Arbitrary<Integer> ascii = Arbitraries.integers().between(0, 0x7F);
    Arbitrary<Integer> bmp =
        Arbitraries.integers().between(0x80, 0xFFFF).filter(cp -> cp < 0xD800 || cp > 0xDFFF);
    Arbitrary<Integer> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF);
    Arbitrary<Integer> awkward =
        Arbitraries.of(
            0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x22, 0x5C, 0x7F, 0x85, 0xA0, 0x200B, 0x200D, 0x2028,
            0x2029, 0x202E, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600, 0x10FFFF);
    return Arbitraries.frequencyOf(
        Tuple.of(4, ascii), Tuple.of(3, bmp), Tuple.of(2, supplementary), Tuple.of(2, awkward));
  }

  private static Arbitrary<String> text(Arbitrary<Integer> codePoints, int min, int max) {
    return codePoints
        .list()
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(
            cps -> {
              StringBuilder sb = new StringBuilder();
              cps.forEach(sb::appendCodePoint);
              return sb.toString();
            });
  }

  private static boolean breaksALine(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** Free text: any Unicode, control characters included (kept short for speed). */
  static Arbitrary<String> freeText() {
    return text(codePoints(), 0, 300);
  }

  /** A name: one line of any other Unicode, 1 to 200 characters, not blank. */
  static Arbitrary<String> names() {
    return text(codePoints().filter(cp -> !breaksALine(cp)), 1, 200).filter(s -> !s.isBlank());
  }

  /** A postal address: like a name, with line breaks, up to 500 characters. */
  static Arbitrary<String> addresses() {
    Arbitrary<Integer> cps =
        Arbitraries.frequencyOf(
            Tuple.of(9, codePoints().filter(cp -> !breaksALine(cp))),
            Tuple.of(1, Arbitraries.of((int) '\n', (int) '\r')));
    return text(cps, 0, 500);
  }

  static Arbitrary<LocalDate> dates() {
    return Arbitraries.longs().between(FIRST_DAY, LAST_DAY).map(LocalDate::ofEpochDay);
  }

  static Arbitrary<String> emails() {
    Arbitrary<String> local = Arbitraries.strings().withChars("abcxyz0189._+'-é").ofMinLength(1).ofMaxLength(30);
    Arbitrary<String> label = Arbitraries.strings().withChars("abcdefü-0189").ofMinLength(1).ofMaxLength(20);
    return Combinators.combine(local, label, label).as((l, d, t) -> l + "@" + d + "." + t);
  }

  static Arbitrary<String> serviceCodes() {
    return Arbitraries.strings()
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars("._-")
        .ofMinLength(1)
        .ofMaxLength(64)
        .filter(s -> Character.isLetterOrDigit(s.charAt(0)));
  }

  static Arbitrary<Registration> registrations() {
    Arbitrary<String> digits7 = Arbitraries.strings().numeric().ofLength(7);
    Arbitrary<String> nmc =
        Combinators.combine(
                Arbitraries.strings().numeric().ofLength(2),
                Arbitraries.chars().range('A', 'Z'),
                Arbitraries.strings().numeric().ofLength(4),
                Arbitraries.chars().range('A', 'Z'))
            .as((a, b, c, d) -> a + b + c + d);
    Arbitrary<String> gdc = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> hcpc =
        Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').ofLength(2),
                Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(6))
            .as((a, b) -> a + b);
    return Arbitraries.oneOf(
        digits7.map(n -> new Registration(Register.GMC, n)),
        nmc.map(n -> new Registration(Register.NMC, n)),
        gdc.map(n -> new Registration(Register.GDC, n)),
        digits7.map(n -> new Registration(Register.GPHC, n)),
        hcpc.map(n -> new Registration(Register.HCPC, n)));
  }

  static Arbitrary<Message> messages() {
    return Combinators.combine(
            dates(), names(), names(), names().injectNull(0.2), freeText().injectNull(0.1))
        .as(Message::new);
  }

  static Arbitrary<CaseworkRecord> caseworkRecords() {
    Arbitrary<CaseworkRecord.Builder> service =
        Combinators.combine(
                Arbitraries.of(Team.class),
                serviceCodes(),
                dates(),
                Arbitraries.integers().between(-1, 400),
                names().injectNull(0.2),
                names().injectNull(0.2))
            .as(
                (team, code, opened, days, adviser, administrator) -> {
                  LocalDate closed = opened.plusDays(Math.max(days, 0));
                  return CaseworkRecord.builder(team, code, opened)
                      .closed(days < 0 || closed.getYear() > 9999 ? null : closed)
                      .adviser(adviser)
                      .administrator(administrator);
                });
    return Combinators.combine(
            service,
            freeText().injectNull(0.1),
            messages().list().ofMaxSize(4),
            freeText().injectNull(0.1))
        .as(
            (b, summary, messages, observations) ->
                b.summary(summary).correspondence(messages).observations(observations).build());
  }

  static Arbitrary<BasicRecord> basicRecords() {
    Arbitrary<ResponsibleOfficer> officers =
        Combinators.combine(names(), names().injectNull(0.3)).as(ResponsibleOfficer::new);
    Arbitrary<Supervisor> supervisors =
        Combinators.combine(names(), emails().injectNull(0.3)).as(Supervisor::new);
    Arbitrary<Appointment> appointments =
        Combinators.combine(dates(), Arbitraries.of(Team.class)).as(Appointment::new);
    Arbitrary<BasicRecord.Builder> required =
        Combinators.combine(names(), registrations()).as(BasicRecord::builder);
    Arbitrary<BasicRecord.Builder> contact =
        Combinators.combine(required, emails().injectNull(0.2), addresses().injectNull(0.2))
            .as((b, email, address) -> b.email(email).postalAddress(address));
    Arbitrary<BasicRecord.Builder> professional =
        Combinators.combine(
                contact,
                Arbitraries.of(Profession.class).injectNull(0.2),
                names().injectNull(0.2),
                names().injectNull(0.2),
                officers.injectNull(0.3),
                supervisors.injectNull(0.3),
                Arbitraries.of(TrainingStatus.class).injectNull(0.2),
                Arbitraries.of(ProgrammeRegion.class).injectNull(0.2))
            .as(
                (b, profession, grade, employer, ro, sup, status, region) ->
                    b.profession(profession)
                        .careerGrade(grade)
                        .employer(employer)
                        .responsibleOfficer(ro)
                        .supervisor(sup)
                        .trainingStatus(status)
                        .programmeRegion(region));
    return Combinators.combine(
            professional,
            serviceCodes().list().ofMaxSize(5),
            appointments.list().ofMaxSize(5),
            names().injectNull(0.3),
            names().injectNull(0.3),
            names().injectNull(0.3))
        .as(
            (b, services, appts, ethnicity, place, disability) ->
                b.servicesAccessed(services)
                    .appointments(appts)
                    .ethnicity(ethnicity)
                    .primaryQualificationPlace(place)
                    .disability(disability)
                    .build());
  }

  /** Strings that appear nowhere else: a canary found in output came from a value. */
  static Arbitrary<String> canaries() {
    return Arbitraries.strings().withCharRange('a', 'z').ofLength(10).map(s -> "cnry" + s);
  }
}
