/**
 * The load generator: realistic OTLP traces of LLM call chains sent over OTLP/HTTP or gRPC, then a
 * check through the query API that every acknowledged span is stored exactly once.
 *
 * <p>Contents: {@link dev.boxscore.loadgen.LoadCommand} (the command line), {@link
 * dev.boxscore.loadgen.LoadRun} (a run as a library call), {@link dev.boxscore.loadgen.LoadOptions}
 * and {@link dev.boxscore.loadgen.LoadReport}; the rest is package-private.
 */
package dev.boxscore.loadgen;
