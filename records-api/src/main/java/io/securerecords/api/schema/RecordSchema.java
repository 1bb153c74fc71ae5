package io.securerecords.api.schema;

import io.securerecords.api.error.InvalidInputException;
import io.securerecords.api.index.IndexField;
import io.securerecords.api.index.IndexSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The fields of one record type and the class of each. Built in code with {@link #builder} or
 * derived from an annotated Java record or POJO with {@link #derive(Class)}.
 *
 * <p>The order of {@link #fields()} is the order in which fields are sealed and authenticated.
 *
 * @param type the record type's name
 * @param fields the fields, at least one, names unique
 * @param javaType the Java class values of this type are mapped to and from (with Jackson), or
 *     {@code Object.class} when values are handled as generic maps
 * @param indexes the blind indexes declared on this type's fields (searchable without the store
 *     seeing plaintext; see {@link IndexSpec} for what each kind of index reveals)
 */
public record RecordSchema(
    RecordType type, List<FieldSpec> fields, Class<?> javaType, List<IndexSpec> indexes) {
  public RecordSchema {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(javaType, "javaType");
    fields = List.copyOf(fields);
    indexes = List.copyOf(indexes);
    if (fields.isEmpty()) {
      throw new InvalidInputException(type.name(), "a record type needs at least one field");
    }
    Set<String> seen = new HashSet<>();
    for (FieldSpec f : fields) {
      if (!seen.add(f.name())) {
        throw new InvalidInputException(type.name() + "." + f.name(), "field names must be unique");
      }
    }
    Set<String> indexNames = new HashSet<>();
    for (IndexSpec index : indexes) {
      if (!indexNames.add(index.name())) {
        throw new InvalidInputException("index." + index.name(), "is declared twice");
      }
      for (IndexField f : index.fields()) {
        if (!seen.contains(f.field())) {
          throw new InvalidInputException("index." + index.name() + "." + f.field(),
              "is not a field of " + type.name());
        }
      }
    }
  }

  /** A schema without blind indexes. */
  public RecordSchema(RecordType type, List<FieldSpec> fields, Class<?> javaType) {
    this(type, fields, javaType, List.of());
  }

  /** This schema with these blind indexes declared as well. */
  public RecordSchema withIndexes(IndexSpec... more) {
    List<IndexSpec> all = new ArrayList<>(indexes);
    all.addAll(List.of(more));
    return new RecordSchema(type, fields, javaType, all);
  }

  /** The field of that name, if the type has one. */
  public Optional<FieldSpec> field(String name) {
    for (FieldSpec f : fields) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The set of classes any field of this type belongs to. */
  public Set<FieldClass> fieldClasses() {
    Set<FieldClass> classes = new HashSet<>();
    fields.forEach(f -> classes.add(f.fieldClass()));
    return Set.copyOf(classes);
  }

  /**
   * Derives the schema of an existing system's entity from its Jackson view: every property
   * Jackson would serialise must carry {@link Classified}, and the class must carry {@link
   * SealedType}. A property without a class is refused rather than left unprotected.
   *
   * @throws InvalidInputException naming the property that has no class
   */
  public static RecordSchema derive(Class<?> javaType) {
    return JacksonSchemas.derive(javaType);
  }

  /**
   * Validates a value of this type and encodes each field on its own as UTF-8 JSON, in schema
   * order. Absent optional fields encode as JSON {@code null}, so every field is always sealed
   * and presence is not revealed.
   *
   * <p>The result is plaintext: it exists only to be sealed at once.
   *
   * @throws InvalidInputException naming the field and rule (unknown field, required field
   *     missing, field over its size limit); the value is never echoed
   */
  public java.util.Map<String, byte[]> encode(Object value) {
    return JacksonSchemas.encode(this, value);
  }

  /**
   * Rebuilds a value from per-field JSON, as the given type (the schema's {@link #javaType()},
   * or {@code Map.class}). Fields missing from the map are left absent.
   *
   * @throws InvalidInputException when the fields do not make a valid value of that type
   */
  public <T> T decode(java.util.Map<String, byte[]> fields, Class<T> type) {
    return JacksonSchemas.decode(this, fields, type);
  }

  /** Starts a schema for the named record type, to be built in code. */
  public static Builder builder(String type) {
    return new Builder(RecordType.of(type));
  }

  /** Builds a {@link RecordSchema} field by field. */
  public static final class Builder {
    private final RecordType type;
    private final List<FieldSpec> fields = new ArrayList<>();
    private Class<?> javaType = Object.class;
    private final List<IndexSpec> indexes = new ArrayList<>();

    private Builder(RecordType type) {
      this.type = type;
    }

    /** Adds an optional field with the default size limit. */
    public Builder field(String name, FieldClass fieldClass) {
      return field(name, fieldClass, false, FieldSpec.DEFAULT_MAX_BYTES);
    }

    /** Adds a required field with the default size limit. */
    public Builder required(String name, FieldClass fieldClass) {
      return field(name, fieldClass, true, FieldSpec.DEFAULT_MAX_BYTES);
    }

    /** Adds a field with every setting explicit. */
    public Builder field(String name, FieldClass fieldClass, boolean required, int maxBytes) {
      fields.add(new FieldSpec(name, fieldClass, required, maxBytes));
      return this;
    }

    /** Maps values of this type to and from the given class with Jackson. */
    public Builder javaType(Class<?> javaType) {
      this.javaType = Objects.requireNonNull(javaType, "javaType");
      return this;
    }

    /** Declares a blind index on fields of this type. */
    public Builder index(IndexSpec index) {
      indexes.add(Objects.requireNonNull(index, "index"));
      return this;
    }

    public RecordSchema build() {
      return new RecordSchema(type, fields, javaType, indexes);
    }
  }
}
