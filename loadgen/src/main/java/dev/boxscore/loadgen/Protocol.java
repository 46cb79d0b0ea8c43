package dev.boxscore.loadgen;

/** How spans travel: OTLP/HTTP with protobuf bodies, or OTLP/gRPC. */
public enum Protocol {
  HTTP("http://127.0.0.1:4318/v1/traces"),
  GRPC("http://127.0.0.1:4317");

  /** Where {@code ./boxscore up} listens. */
  final String defaultEndpoint;

  Protocol(String defaultEndpoint) {
    this.defaultEndpoint = defaultEndpoint;
  }
}
