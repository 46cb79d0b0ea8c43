package dev.boxscore.query.service.judge;

/**
 * Where the judge's own calls are sent: the collector's OTLP/HTTP base URL. The judge is one more
 * client of the collector, so its calls are stored, priced and listed like any service's.
 */
public interface JudgeCollector {
  /** e.g. {@code http://127.0.0.1:4318}; read when the first call is exported. */
  String otlpEndpoint();
}
