package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The API dialect an endpoint speaks; decides the error body format. */
enum Provider {
  OPENAI,
  ANTHROPIC;

  /**
   * Error body in this provider's format. OpenAI: {@code
   * {"error":{"message","type","param","code"}}}; Anthropic: {@code
   * {"type":"error","error":{"type","message"},"request_id"}}.
   */
  ObjectNode errorBody(int status, String message, String param, String requestId) {
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode body = json.objectNode();
    if (this == ANTHROPIC) {
      body.put("type", "error");
      ObjectNode error = body.putObject("error");
      error.put("type", anthropicErrorType(status));
      error.put("message", message);
      body.put("request_id", requestId);
    } else {
      ObjectNode error = body.putObject("error");
      error.put("message", message);
      error.put("type", openAiErrorType(status));
      error.put("param", param);
      error.put("code", openAiErrorCode(status));
    }
    return body;
  }

  private static String anthropicErrorType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  private static String openAiErrorType(int status) {
    return switch (status) {
      case 400, 401, 404, 405, 413 -> "invalid_request_error";
      case 429 -> "requests";
      default -> "server_error";
    };
  }

  private static String openAiErrorCode(int status) {
    return switch (status) {
      case 401 -> "invalid_api_key";
      case 404 -> "unknown_url";
      case 429 -> "rate_limit_exceeded";
      default -> null;
    };
  }
}
