package dev.boxscore.query.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents on every /api/v1 operation the answers {@link ApiKeyFilter} gives before any endpoint
 * runs: 401 without a valid key, 403 when the key lacks the scope. Written once here rather than on
 * each endpoint, as the filter applies to all of them. Registered with {@code mp.openapi.filter}.
 */
public class AuthErrorsOpenApiFilter implements OASFilter {
  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith("/api/v1/")) {
        continue;
      }
      boolean admin = path.getKey().startsWith("/api/v1/admin/");
      for (Map.Entry<PathItem.HttpMethod, Operation> op :
          path.getValue().getOperations().entrySet()) {
        Operation operation = op.getValue();
        // Every key may send scores (ingest keys too): that operation never answers 403 here.
        boolean anyKey =
            path.getKey().equals("/api/v1/scores") && op.getKey() == PathItem.HttpMethod.POST;
        if (operation.getResponses() == null) {
          continue;
        }
        if (!operation.getResponses().hasAPIResponse("401")) {
          operation
              .getResponses()
              .addAPIResponse(
                  "401",
                  error(
                      "no key, or a key that is unknown or revoked",
                      "unauthorized",
                      "missing or invalid API key: send the header 'Authorization: Bearer <key>'"));
        }
        if (!anyKey && !operation.getResponses().hasAPIResponse("403")) {
          operation
              .getResponses()
              .addAPIResponse(
                  "403",
                  admin
                      ? error(
                          "the key lacks the admin scope",
                          "forbidden",
                          "this API key may not administer the project")
                      : error(
                          "the key lacks the read scope",
                          "forbidden",
                          "this API key may not read"));
        }
      }
    }
  }

  private static APIResponse error(String description, String error, String message) {
    Example example = OASFactory.createExample().value(Map.of("error", error, "message", message));
    MediaType json = OASFactory.createMediaType().addExample(error, example);
    Content content = OASFactory.createContent().addMediaType("application/json", json);
    return OASFactory.createAPIResponse().description(description).content(content);
  }
}
