package io.securerecords.api.psu;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.schema.Classified;
import io.securerecords.api.schema.FieldClass;
import io.securerecords.api.schema.SealedType;
import java.time.LocalDate;
import java.util.List;

/**
 * A Casework Record (notice 1.2): one per PSU service a client receives, owned by the team that
 * provides it.
 *
 * <p>Each component carries its {@link FieldClass}, so the schema ({@link PsuSchemas#casework()})
 * seals each on its own: the team, service, adviser, administrator and dates are {@code
 * SERVICE_USE}; the summary is {@code CASE_SUMMARY}; the emails are {@code CORRESPONDENCE}; the
 * observations and feedback are {@code OBSERVATIONS}. The casework of the {@link Team#COACHING}
 * team is confidential outside clauses 2.3 to 2.5; the policy, not this type, enforces that.
 *
 * <p>The constructor validates every field and fails at once with an {@link
 * InvalidInputException} naming the field path (e.g. {@code closed}, {@code correspondence[3]})
 * and the rule, never the value. The correspondence is copied immutably; absent, it is empty.
 * {@link #toString()} shows the team and the number of messages, never a value.
 *
 * @param team the team that owns the record: required ({@code SERVICE_USE})
 * @param service the code of the service received: required ({@code SERVICE_USE})
 * @param adviser the allocated adviser, one line, at most 200 characters ({@code SERVICE_USE})
 * @param administrator the service administrator, one line, at most 200 characters ({@code
 *     SERVICE_USE})
 * @param opened the date the case opened: required ({@code SERVICE_USE})
 * @param closed the date the case closed, not before {@code opened} ({@code SERVICE_USE})
 * @param summary summary of objectives and progress, at most 32,000 characters ({@code
 *     CASE_SUMMARY})
 * @param correspondence the emails of the case, at most 500 ({@code CORRESPONDENCE})
 * @param observations observations and feedback, at most 32,000 characters ({@code
 *     OBSERVATIONS})
 */
@SealedType("psu.casework")
public record CaseworkRecord(
    @Classified(value = FieldClass.SERVICE_USE, required = true) Team team,
    @Classified(value = FieldClass.SERVICE_USE, required = true) String service,
    @Classified(FieldClass.SERVICE_USE) String adviser,
    @Classified(FieldClass.SERVICE_USE) String administrator,
    @Classified(value = FieldClass.SERVICE_USE, required = true) LocalDate opened,
    @Classified(FieldClass.SERVICE_USE) LocalDate closed,
    @Classified(value = FieldClass.CASE_SUMMARY, maxBytes = Input.FREE_TEXT_BYTES) String summary,
    @Classified(value = FieldClass.CORRESPONDENCE, maxBytes = Input.CORRESPONDENCE_BYTES)
        List<Message> correspondence,
    @Classified(value = FieldClass.OBSERVATIONS, maxBytes = Input.FREE_TEXT_BYTES)
        String observations) {

  /**
   * Validates every field and copies the correspondence.
   *
   * @throws InvalidInputException naming the field path and the broken rule
   */
  public CaseworkRecord {
    Input.required("team", team);
    TextKind.SERVICE_CODE.check("service", service, true);
    TextKind.NAME.check("adviser", adviser, false);
    TextKind.NAME.check("administrator", administrator, false);
    Input.date("opened", opened, true);
    Input.date("closed", closed, false);
    if (closed != null && closed.isBefore(opened)) {
      throw new InvalidInputException("closed", "must not be before opened");
    }
    TextKind.FREE_TEXT.check("summary", summary, false);
    correspondence = Input.list("correspondence", correspondence, Input.MAX_MESSAGES);
    TextKind.FREE_TEXT.check("observations", observations, false);
  }

  /**
   * Starts a Casework Record with its required fields; every other field is optional.
   *
   * @param team the team that owns the record
   * @param service the code of the service received
   * @param opened the date the case opened
   */
  public static Builder builder(Team team, String service, LocalDate opened) {
    return new Builder(team, service, opened);
  }

  /** A copy of this record as a builder, for an amendment (clause 6) or closing the case. */
  public Builder toBuilder() {
    return new Builder(team, service, opened)
        .adviser(adviser)
        .administrator(administrator)
        .closed(closed)
        .summary(summary)
        .correspondence(correspondence)
        .observations(observations);
  }

  /** The team and the number of messages only: no value of the record. */
  @Override
  public String toString() {
    return "CaseworkRecord[team=" + team + ", correspondence=" + correspondence.size() + "]";
  }

  /**
   * Builds a {@link CaseworkRecord}; {@link #build()} applies the record's validation. A builder
   * holds personal data, so its {@code toString()} is the type only.
   */
  public static final class Builder {
    private Team team;
    private String service;
    private String adviser;
    private String administrator;
    private LocalDate opened;
    private LocalDate closed;
    private String summary;
    private List<Message> correspondence = List.of();
    private String observations;

    private Builder(Team team, String service, LocalDate opened) {
      this.team = team;
      this.service = service;
      this.opened = opened;
    }

    /** Sets the owning team ({@code SERVICE_USE}). */
    public Builder team(Team team) {
      this.team = team;
      return this;
    }

    /** Sets the service code ({@code SERVICE_USE}). */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** Sets the allocated adviser ({@code SERVICE_USE}). */
    public Builder adviser(String adviser) {
      this.adviser = adviser;
      return this;
    }

    /** Sets the service administrator ({@code SERVICE_USE}). */
    public Builder administrator(String administrator) {
      this.administrator = administrator;
      return this;
    }

    /** Sets the opening date ({@code SERVICE_USE}). */
    public Builder opened(LocalDate opened) {
      this.opened = opened;
      return this;
    }

    /** Sets the closing date ({@code SERVICE_USE}). */
    public Builder closed(LocalDate closed) {
      this.closed = closed;
      return this;
    }

    /** Sets the summary of objectives and progress ({@code CASE_SUMMARY}). */
    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    /** Sets the correspondence ({@code CORRESPONDENCE}). */
    public Builder correspondence(List<Message> correspondence) {
      this.correspondence = correspondence;
      return this;
    }

    /** Sets the observations and feedback ({@code OBSERVATIONS}). */
    public Builder observations(String observations) {
      this.observations = observations;
      return this;
    }

    /**
     * Builds the record.
     *
     * @throws InvalidInputException naming the field path and the broken rule
     */
    public CaseworkRecord build() {
      return new CaseworkRecord(
          team,
          service,
          adviser,
          administrator,
          opened,
          closed,
          summary,
          correspondence,
          observations);
    }

    /** The type only. */
    @Override
    public String toString() {
      return "CaseworkRecord.Builder";
    }
  }
}
