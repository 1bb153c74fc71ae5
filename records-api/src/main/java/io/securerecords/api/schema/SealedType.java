package io.securerecords.api.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the {@link RecordType} of an entity class whose schema is derived with Jackson. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SealedType {
  /** The record type's name, e.g. {@code psu.basic}. */
  String value();
}
