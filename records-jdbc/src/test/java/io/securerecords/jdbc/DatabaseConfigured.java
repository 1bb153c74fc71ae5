package io.securerecords.jdbc;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** jqwik hooks that skip a container, saying how to enable it, when its database is not configured. */
final class DatabaseConfigured {
  private DatabaseConfigured() {}

  private static SkipExecutionHook.SkipResult unlessSet(String variable) {
    return TestDatabases.url(variable).isPresent()
        ? SkipExecutionHook.SkipResult.doNotSkip()
        : SkipExecutionHook.SkipResult.skip(TestDatabases.howToEnable(variable));
  }

  /** Skips unless {@code SECURE_RECORDS_POSTGRES_URL} is set. */
  static final class Postgres implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return unlessSet(TestDatabases.POSTGRES_URL);
    }
  }

  /** Skips unless {@code SECURE_RECORDS_MARIADB_URL} is set. */
  static final class MariaDb implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return unlessSet(TestDatabases.MARIADB_URL);
    }
  }
}
