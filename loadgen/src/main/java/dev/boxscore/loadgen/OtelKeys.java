package dev.boxscore.loadgen;

/**
 * General OpenTelemetry keys of the non-LLM spans and the resource. Boxscore's model names only the
 * keys it reads ({@code dev.boxscore.model.semconv}); these describe the rest of a realistic trace.
 */
final class OtelKeys {
  static final String HTTP_REQUEST_METHOD = "http.request.method";
  static final String HTTP_ROUTE = "http.route";
  static final String HTTP_RESPONSE_STATUS_CODE = "http.response.status_code";
  static final String URL_PATH = "url.path";
  static final String SERVER_ADDRESS = "server.address";
  static final String DB_SYSTEM = "db.system";
  static final String DB_OPERATION_NAME = "db.operation.name";
  static final String DB_COLLECTION_NAME = "db.collection.name";
  static final String TOOL_NAME = "tool.name";
  static final String USER_ID = "user.id";
  static final String SESSION_ID = "session.id";
  static final String SERVICE_VERSION = "service.version";
  static final String SERVICE_INSTANCE_ID = "service.instance.id";
  static final String TELEMETRY_SDK_NAME = "telemetry.sdk.name";
  static final String TELEMETRY_SDK_LANGUAGE = "telemetry.sdk.language";
  static final String TELEMETRY_SDK_VERSION = "telemetry.sdk.version";
  static final String LOADGEN_RUN_ID = "boxscore.loadgen.run_id";

  private OtelKeys() {}
}
