package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code GET /v1/models}: the known model aliases. Anthropic's list format when the request carries
 * an {@code anthropic-version} header (as the Anthropic SDK always does), OpenAI's otherwise.
 */
final class ModelList extends EndpointHandler {
  private static final List<String> EMBEDDING_MODELS =
      List.of("text-embedding-3-small", "text-embedding-3-large");

  ModelList(SimulatorState state) {
    super(state, Provider.OPENAI, "GET");
  }

  @Override
  Provider provider(HttpExchange exchange) {
    return exchange.getRequestHeaders().containsKey("anthropic-version")
        ? Provider.ANTHROPIC
        : Provider.OPENAI;
  }

  @Override
  void serve(Call call) throws IOException {
    TreeSet<String> names = new TreeSet<>(ModelRouter.DEFAULT_SNAPSHOTS.keySet());
    names.addAll(state.settings.modelAliases().keySet());
    ObjectNode root = call.object();
    ArrayNode data;
    if (call.provider == Provider.ANTHROPIC) {
      data = root.putArray("data");
      names.stream()
          .filter(n -> n.startsWith("claude"))
          .forEach(
              n ->
                  data.addObject()
                      .put("type", "model")
                      .put("id", n)
                      .put("display_name", n)
                      .put("created_at", "2025-01-01T00:00:00Z"));
      root.put("has_more", false);
      root.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asText());
      root.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asText());
    } else {
      names.addAll(EMBEDDING_MODELS);
      root.put("object", "list");
      data = root.putArray("data");
      names.stream()
          .filter(n -> !n.startsWith("claude"))
          .forEach(
              n ->
                  data.addObject()
                      .put("id", n)
                      .put("object", "model")
                      .put("created", 1_700_000_000L)
                      .put("owned_by", "system"));
    }
    call.sendJson(200, root);
  }
}
