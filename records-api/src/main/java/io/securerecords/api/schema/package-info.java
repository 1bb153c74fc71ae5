/**
 * Record types, their fields and each field's class: the vocabulary the disclosure policy
 * speaks. Schemas are built in code or derived with Jackson from annotated entities.
 */
package io.securerecords.api.schema;
