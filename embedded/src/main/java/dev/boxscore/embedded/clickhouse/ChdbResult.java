package dev.boxscore.embedded.clickhouse;

/** The output and counters of one successful chDB query or insert. */
record ChdbResult(
    byte[] output,
    long rowsRead,
    long bytesRead,
    long rowsWritten,
    long bytesWritten,
    double elapsedSeconds) {}
