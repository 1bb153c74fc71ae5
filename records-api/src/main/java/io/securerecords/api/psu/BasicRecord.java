package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.schema.Classified;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.SealedType;
import java.util.List;

/**
 * The Basic Record of a healthcare professional who uses the PSU (notice 1.1): one per client.
 *
 * <p>Each component carries its {@link FieldClass}, so the schema ({@link PsuSchemas#basic()})
 * seals each field on its own and the policy can release, for example, only {@code SERVICE_USE}
 * (services accessed and appointment dates) under clauses 2.1 and 2.2. {@code DEMOGRAPHIC} is
 * special category data, used only as anonymous counts (clause 4).
 *
 * <p>The constructor validates every field and fails at once with an {@link
 * InvalidInputException} naming the field path (e.g. {@code registration.number}, {@code
 * appointments[3]}) and the rule, never the value. Lists are copied immutably; an absent list is
 * empty. {@link #toString()} shows only counts, never a value.
 *
 * @param fullName the client's name: required, one line, at most 200 characters ({@code
 *     IDENTITY})
 * @param registration professional register and number: required ({@code IDENTITY})
 * @param email email address, simple form, at most 254 characters ({@code CONTACT})
 * @param postalAddress postal address, line breaks allowed, at most 500 characters ({@code
 *     CONTACT})
 * @param profession profession ({@code PROFESSIONAL})
 * @param careerGrade career grade, one line, at most 200 characters ({@code PROFESSIONAL})
 * @param employer employer, one line, at most 200 characters ({@code PROFESSIONAL})
 * @param responsibleOfficer for doctors, the responsible officer and designated body ({@code
 *     PROFESSIONAL})
 * @param supervisor the recorded supervisor for feedback ({@code PROFESSIONAL})
 * @param trainingStatus postgraduate training status ({@code PROFESSIONAL})
 * @param programmeRegion region of the training programme ({@code PROFESSIONAL})
 * @param servicesAccessed codes of the PSU services accessed, at most 1,000 ({@code
 *     SERVICE_USE})
 * @param appointments PSU appointments, at most 1,000 ({@code SERVICE_USE})
 * @param ethnicity ethnicity, one line, at most 200 characters ({@code DEMOGRAPHIC})
 * @param primaryQualificationPlace place of primary medical qualification, one line, at most 200
 *     characters ({@code DEMOGRAPHIC})
 * @param disability any disability, one line, at most 200 characters ({@code DEMOGRAPHIC})
 */
@SealedType("psu.basic")
public record BasicRecord(
    @Classified(value = FieldClass.IDENTITY, required = true) String fullName,
    @Classified(value = FieldClass.IDENTITY, required = true) Registration registration,
    @Classified(FieldClass.CONTACT) String email,
    @Classified(FieldClass.CONTACT) String postalAddress,
    @Classified(FieldClass.PROFESSIONAL) Profession profession,
    @Classified(FieldClass.PROFESSIONAL) String careerGrade,
    @Classified(FieldClass.PROFESSIONAL) String employer,
    @Classified(FieldClass.PROFESSIONAL) ResponsibleOfficer responsibleOfficer,
    @Classified(FieldClass.PROFESSIONAL) Supervisor supervisor,
    @Classified(FieldClass.PROFESSIONAL) TrainingStatus trainingStatus,
    @Classified(FieldClass.PROFESSIONAL) ProgrammeRegion programmeRegion,
    @Classified(value = FieldClass.SERVICE_USE, maxBytes = Input.SERVICES_BYTES)
        List<String> servicesAccessed,
    @Classified(FieldClass.SERVICE_USE) List<Appointment> appointments,
    @Classified(FieldClass.DEMOGRAPHIC) String ethnicity,
    @Classified(FieldClass.DEMOGRAPHIC) String primaryQualificationPlace,
    @Classified(FieldClass.DEMOGRAPHIC) String disability) {

  /**
   * Validates every field and copies the lists.
   *
   * @throws InvalidInputException naming the field path and the broken rule
   */
  public BasicRecord {
    TextKind.NAME.check("fullName", fullName, true);
    Input.required("registration", registration);
    TextKind.EMAIL.check("email", email, false);
    TextKind.POSTAL_ADDRESS.check("postalAddress", postalAddress, false);
    TextKind.NAME.check("careerGrade", careerGrade, false);
    TextKind.NAME.check("employer", employer, false);
    servicesAccessed = Input.list("servicesAccessed", servicesAccessed, Input.MAX_SERVICES);
    for (int i = 0; i < servicesAccessed.size(); i++) {
      TextKind.SERVICE_CODE.check("servicesAccessed[" + i + "]", servicesAccessed.get(i), true);
    }
    appointments = Input.list("appointments", appointments, Input.MAX_APPOINTMENTS);
    TextKind.NAME.check("ethnicity", ethnicity, false);
    TextKind.NAME.check("primaryQualificationPlace", primaryQualificationPlace, false);
    TextKind.NAME.check("disability", disability, false);
  }

  /**
   * Starts a Basic Record with its two required fields; every other field is optional.
   *
   * @param fullName the client's name
   * @param registration the client's registration
   */
  public static Builder builder(String fullName, Registration registration) {
    return new Builder(fullName, registration);
  }

  /** A copy of this record as a builder, for an amendment (clause 6). */
  public Builder toBuilder() {
    return new Builder(fullName, registration)
        .email(email)
        .postalAddress(postalAddress)
        .profession(profession)
        .careerGrade(careerGrade)
        .employer(employer)
        .responsibleOfficer(responsibleOfficer)
        .supervisor(supervisor)
        .trainingStatus(trainingStatus)
        .programmeRegion(programmeRegion)
        .servicesAccessed(servicesAccessed)
        .appointments(appointments)
        .ethnicity(ethnicity)
        .primaryQualificationPlace(primaryQualificationPlace)
        .disability(disability);
  }

  /** Counts only: no value of the record. */
  @Override
  public String toString() {
    return "BasicRecord[servicesAccessed="
        + servicesAccessed.size()
        + ", appointments="
        + appointments.size()
        + "]";
  }

  /**
   * Builds a {@link BasicRecord}; {@link #build()} applies the record's validation. A builder
   * holds personal data, so its {@code toString()} is the type only.
   */
  public static final class Builder {
    private String fullName;
    private Registration registration;
    private String email;
    private String postalAddress;
    private Profession profession;
    private String careerGrade;
    private String employer;
    private ResponsibleOfficer responsibleOfficer;
    private Supervisor supervisor;
    private TrainingStatus trainingStatus;
    private ProgrammeRegion programmeRegion;
    private List<String> servicesAccessed = List.of();
    private List<Appointment> appointments = List.of();
    private String ethnicity;
    private String primaryQualificationPlace;
    private String disability;

    private Builder(String fullName, Registration registration) {
      this.fullName = fullName;
      this.registration = registration;
    }

    /** Sets the name ({@code IDENTITY}). */
    public Builder fullName(String fullName) {
      this.fullName = fullName;
      return this;
    }

    /** Sets the registration ({@code IDENTITY}). */
    public Builder registration(Registration registration) {
      this.registration = registration;
      return this;
    }

    /** Sets the email address ({@code CONTACT}). */
    public Builder email(String email) {
      this.email = email;
      return this;
    }

    /** Sets the postal address ({@code CONTACT}). */
    public Builder postalAddress(String postalAddress) {
      this.postalAddress = postalAddress;
      return this;
    }

    /** Sets the profession ({@code PROFESSIONAL}). */
    public Builder profession(Profession profession) {
      this.profession = profession;
      return this;
    }

    /** Sets the career grade ({@code PROFESSIONAL}). */
    public Builder careerGrade(String careerGrade) {
      this.careerGrade = careerGrade;
      return this;
    }

    /** Sets the employer ({@code PROFESSIONAL}). */
    public Builder employer(String employer) {
      this.employer = employer;
      return this;
    }

    /** Sets the responsible officer ({@code PROFESSIONAL}). */
    public Builder responsibleOfficer(ResponsibleOfficer responsibleOfficer) {
      this.responsibleOfficer = responsibleOfficer;
      return this;
    }

    /** Sets the recorded supervisor ({@code PROFESSIONAL}). */
    public Builder supervisor(Supervisor supervisor) {
      this.supervisor = supervisor;
      return this;
    }

    /** Sets the training status ({@code PROFESSIONAL}). */
    public Builder trainingStatus(TrainingStatus trainingStatus) {
      this.trainingStatus = trainingStatus;
      return this;
    }

    /** Sets the programme region ({@code PROFESSIONAL}). */
    public Builder programmeRegion(ProgrammeRegion programmeRegion) {
      this.programmeRegion = programmeRegion;
      return this;
    }

    /** Sets the codes of the services accessed ({@code SERVICE_USE}). */
    public Builder servicesAccessed(List<String> servicesAccessed) {
      this.servicesAccessed = servicesAccessed;
      return this;
    }

    /** Sets the appointments ({@code SERVICE_USE}). */
    public Builder appointments(List<Appointment> appointments) {
      this.appointments = appointments;
      return this;
    }

    /** Sets the ethnicity ({@code DEMOGRAPHIC}). */
    public Builder ethnicity(String ethnicity) {
      this.ethnicity = ethnicity;
      return this;
    }

    /** Sets the place of primary medical qualification ({@code DEMOGRAPHIC}). */
    public Builder primaryQualificationPlace(String primaryQualificationPlace) {
      this.primaryQualificationPlace = primaryQualificationPlace;
      return this;
    }

    /** Sets the disability ({@code DEMOGRAPHIC}). */
    public Builder disability(String disability) {
      this.disability = disability;
      return this;
    }

    /**
     * Builds the record.
     *
     * @throws InvalidInputException naming the field path and the broken rule
     */
    public BasicRecord build() {
      return new BasicRecord(
          fullName,
          registration,
          email,
          postalAddress,
          profession,
          careerGrade,
          employer,
          responsibleOfficer,
          supervisor,
          trainingStatus,
          programmeRegion,
          servicesAccessed,
          appointments,
          ethnicity,
          primaryQualificationPlace,
          disability);
    }

    /** The type only. */
    @Override
    public String toString() {
      return "BasicRecord.Builder";
    }
  }
}
