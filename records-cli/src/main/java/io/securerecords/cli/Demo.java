package io.securerecords.cli;

/** The project's main job: a walkthrough that seals, finds and opens a record in memory. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    System.out.println("secure-records demo: not built yet");
  }
}
