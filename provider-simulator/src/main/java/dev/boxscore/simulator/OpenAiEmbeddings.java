package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code POST /v1/embeddings}: one unit-length vector per input, seeded by the input text, so equal
 * texts embed equally. {@code encoding_format: base64} (which some SDKs send by default) returns
 * little-endian float32 bytes.
 */
final class OpenAiEmbeddings extends EndpointHandler {

  OpenAiEmbeddings(SimulatorState state) {
    super(state, Provider.OPENAI, "POST");
  }

  @Override
  void serve(Call call) throws IOException {
    JsonNode body = call.body;
    call.model = Fields.requiredText(body, "model");
    List<String> inputs = inputs(body.get("input"));
    Integer dimensions = Fields.optionalPositiveInt(body, "dimensions");
    int size = dimensions != null ? dimensions : state.settings.embeddingDimensions();
    boolean base64 = "base64".equals(body.path("encoding_format").asText("float"));
    if (injectedError(call)) {
      return;
    }
    call.responseModel = state.router.answer(call.model);
    EventStream.pause(call.scenario.latency());

    ObjectNode root = call.object();
    root.put("object", "list");
    ArrayNode data = root.putArray("data");
    int tokens = 0;
    for (int i = 0; i < inputs.size(); i++) {
      float[] vector = vector(inputs.get(i), size);
      tokens += TokenCounter.count(inputs.get(i));
      ObjectNode item = data.addObject();
      item.put("object", "embedding");
      item.put("index", i);
      if (base64) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
          bytes.putFloat(v);
        }
        item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
      } else {
        ArrayNode values = item.putArray("embedding");
        for (float v : vector) {
          values.add(v);
        }
      }
    }
    root.put("model", call.responseModel);
    root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
    call.sendJson(200, root);
  }

  private static List<String> inputs(JsonNode input) {
    if (input == null || input.isNull()) {
      throw new BadRequestException("input", "Missing required parameter: 'input'.");
    }
    List<String> inputs = new ArrayList<>();
    if (input.isTextual()) {
      inputs.add(input.asText());
    } else if (input.isArray() && !input.isEmpty()) {
      for (JsonNode item : input) {
        // Token-id arrays are accepted too; their ids stand in for text.
        inputs.add(item.isTextual() ? item.asText() : item.toString());
      }
    } else {
      throw new BadRequestException(
          "input", "Invalid 'input': expected a string or a non-empty array.");
    }
    return inputs;
  }

  private static float[] vector(String text, int size) {
    SplittableRandom random = new SplittableRandom(TextGenerator.seed("embedding", text));
    float[] vector = new float[size];
    double norm = 0;
    for (int i = 0; i < size; i++) {
      vector[i] = (float) (random.nextDouble() * 2 - 1);
      norm += vector[i] * vector[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < size; i++) {
      vector[i] *= scale;
    }
    return vector;
  }
}
