/**
 * The library's small hierarchy of unchecked, typed exceptions. None of them carries a personal
 * value in its message.
 */
package io.securerecords.api.error;
