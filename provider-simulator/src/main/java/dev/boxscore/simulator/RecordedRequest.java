package dev.boxscore.simulator;

/**
 * One request the simulator answered, in arrival order.
 *
 * @param method HTTP method
 * @param path request path, e.g. {@code /v1/chat/completions}
 * @param model the request's {@code model} field, or null when absent or unparseable
 * @param stream whether a streaming response was requested
 * @param status the HTTP status sent back
 * @param responseModel the model named in the response, or null for errors
 */
public record RecordedRequest(
    String method, String path, String model, boolean stream, int status, String responseModel) {}
