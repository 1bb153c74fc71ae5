package io.securerecords.api.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a property of an existing entity into a {@link FieldClass}, so {@link
 * RecordSchema#derive(Class)} can build its schema. Place it on a record component, field or
 * getter.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Classified {
  /** The class the policy grants or refuses for this property. */
  FieldClass value();

  /** Whether a null value is refused. */
  boolean required() default false;

  /** The largest UTF-8 JSON encoding accepted. */
  int maxBytes() default FieldSpec.DEFAULT_MAX_BYTES;
}
