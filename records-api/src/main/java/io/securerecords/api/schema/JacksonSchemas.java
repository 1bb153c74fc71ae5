package io.securerecords.api.schema;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.securerecords.api.error.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Jackson's part: deriving schemas from entities and mapping values to per-field JSON. */
final class JacksonSchemas {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JacksonSchemas() {}

  static RecordSchema derive(Class<?> javaType) {
    SealedType sealedType = javaType.getAnnotation(SealedType.class);
    if (sealedType == null) {
      throw new InvalidInputException(
          javaType.getSimpleName(), "an entity needs @SealedType to name its record type");
    }
    BeanDescription description =
        MAPPER.getSerializationConfig().introspect(MAPPER.constructType(javaType));
    List<FieldSpec> fields = new ArrayList<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      Classified classified = classifiedOf(property);
      if (classified == null) {
        throw new InvalidInputException(
            sealedType.value() + "." + property.getName(),
            "every property needs @Classified with its field class");
      }
      fields.add(
          new FieldSpec(
              property.getName(),
              classified.value(),
              classified.required() || property.isRequired(),
              classified.maxBytes()));
    }
    return new RecordSchema(RecordType.of(sealedType.value()), fields, javaType);
  }

  private static Classified classifiedOf(BeanPropertyDefinition property) {
    AnnotatedMember[] members = {
      property.getField(), property.getGetter(), property.getConstructorParameter()
    };
    for (AnnotatedMember member : members) {
      if (member != null && member.getAnnotation(Classified.class) != null) {
        return member.getAnnotation(Classified.class);
      }
    }
    return null;
  }

  static Map<String, byte[]> encode(RecordSchema schema, Object value) {
    if (value == null) {
      throw new InvalidInputException(schema.type().name(), "a record value is required");
    }
    JsonNode tree;
    try {
      tree = MAPPER.valueToTree(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(schema.type().name(), "the value cannot be mapped to JSON");
    }
    if (!(tree instanceof ObjectNode object)) {
      throw new InvalidInputException(schema.type().name(), "a record value must be an object");
    }
    var names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (schema.field(name).isEmpty()) {
        throw new InvalidInputException(
            schema.type().name() + "." + name, "is not a field of this record type");
      }
    }
    Map<String, byte[]> encoded = new LinkedHashMap<>();
    // One generator for the record's fields, each written as a root value with no separator and
    // taken out on its own: the bytes MAPPER.writeValueAsBytes(node) gives, without a generator
    // and serializer provider per field (PsuRoundTripProperties checks that they agree).
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator generator = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      generator.setRootValueSeparator(null);
      for (FieldSpec field : schema.fields()) {
        JsonNode node = object.get(field.name());
        if (node == null) {
          node = NullNode.getInstance();
        }
        if (field.required() && (node.isNull() || (node.isTextual() && node.asText().isBlank()))) {
          throw new InvalidInputException(schema.type().name() + "." + field.name(), "is required");
        }
        byte[] bytes;
        try {
          MAPPER.writeTree(generator, node);
          generator.flush();
          bytes = out.toByteArray();
        } catch (IOException e) {
          throw new InvalidInputException(
              schema.type().name() + "." + field.name(), "cannot be encoded as JSON");
        } finally {
          out.reset();
        }
        if (bytes.length > field.maxBytes()) {
          throw new InvalidInputException(
              schema.type().name() + "." + field.name(),
              "is longer than the limit of " + field.maxBytes() + " bytes");
        }
        encoded.put(field.name(), bytes);
      }
    } catch (IOException e) {
      throw new InvalidInputException(schema.type().name(), "cannot be encoded as JSON");
    }
    return encoded;
  }

  static JsonNode fieldNode(byte[] encoded) {
    try {
      return MAPPER.readTree(encoded);
    } catch (IOException e) {
      throw new IllegalStateException("an authenticated field did not hold JSON", e);
    }
  }

  static <T> T decode(RecordSchema schema, Map<String, byte[]> fields, Class<T> type) {
    ObjectNode object = MAPPER.createObjectNode();
    for (FieldSpec field : schema.fields()) {
      byte[] bytes = fields.get(field.name());
      if (bytes != null) {
        object.set(field.name(), fieldNode(bytes));
      }
    }
    try {
      return MAPPER.treeToValue(object, type);
    } catch (IOException | IllegalArgumentException e) {
      InvalidInputException refused = refusedByConstructor(e);
      if (refused != null) {
        throw new InvalidInputException(
            schema.type().name() + "." + located(e, refused.field()), refused.rule());
      }
      throw new InvalidInputException(
          schema.type().name(), "the fields do not make a complete " + type.getSimpleName());
    }
  }

  /** The typed refusal of a value's own validation, if that is what stopped Jackson. */
  private static InvalidInputException refusedByConstructor(Throwable e) {
    for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof InvalidInputException refused) {
        return refused;
      }
    }
    return null;
  }

  /**
   * The path of a refused field within the record. Jackson's path locates the nested value whose
   * constructor refused (e.g. {@code correspondence[3]}); that value named the field under its own
   * role (e.g. {@code message.body}), so the role is replaced by the location. Only property names
   * and indexes are used, never a value.
   */
  private static String located(Throwable e, String field) {
    if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
      return field;
    }
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    int dot = field.indexOf('.');
    return path + (dot < 0 ? "." + field : field.substring(dot));
  }
}
