package dev.boxscore.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The normalized view of one LLM (or embeddings) call, computed from a span in any supported
 * attribute dialect. The span's original attributes are kept by the caller; this record only adds a
 * uniform reading of them.
 *
 * @param provider normalized provider name as in {@code gen_ai.provider.name} (openai, anthropic,
 *     aws.bedrock, azure.ai.openai, gcp.gemini, gcp.vertex_ai, gcp.gen_ai, mistral_ai, deepseek,
 *     cohere, groq, ...); an unknown value is kept lower-cased; null if the span names none
 * @param operation chat, text_completion, generate_content, embeddings, ...; null if unknown
 * @param requestModel model the caller asked for; null if unknown
 * @param responseModel model that answered (often a dated id); null if unknown
 * @param usage token counts in GenAI semantics (input includes cache, output includes reasoning);
 *     never null, see {@link TokenUsage#reported()}
 * @param timeToFirstTokenMs milliseconds from request to the first streamed chunk; null if unknown
 * @param finishReasons one per choice, as the provider reported them ("stop", "end_turn", ...);
 *     empty if unknown
 * @param responseId provider's response id; null if unknown
 * @param streaming whether the response was streamed; null if the span does not say
 * @param systemFingerprint OpenAI system fingerprint; null if unknown
 * @param promptName name of the managed prompt template; null if unknown
 * @param promptVersion version of the prompt template; null if unknown
 * @param promptFingerprint hash of the prompt template; null if unknown
 * @param input compact JSON array of input messages in the {@code gen_ai.input.messages} form,
 *     system instructions first as a {@code "system"} message: {@code
 *     [{"role":"user","parts":[{"type":"text", "content":"..."}]}]}; null when no content was
 *     captured
 * @param output compact JSON array of output messages in the {@code gen_ai.output.messages} form
 *     (with {@code finish_reason} when known); null when no content was captured
 * @param dialects the dialects whose keys the span carried; never empty for a normalized call
 */
public record LlmCall(
    String provider,
    String operation,
    String requestModel,
    String responseModel,
    TokenUsage usage,
    Double timeToFirstTokenMs,
    List<String> finishReasons,
    String responseId,
    Boolean streaming,
    String systemFingerprint,
    String promptName,
    String promptVersion,
    String promptFingerprint,
    String input,
    String output,
    Set<LlmDialect> dialects) {

  public LlmCall {
    Objects.requireNonNull(usage, "usage");
    finishReasons = finishReasons == null ? List.of() : List.copyOf(finishReasons);
    dialects =
        dialects == null || dialects.isEmpty()
            ? Set.of()
            : Collections.unmodifiableSet(EnumSet.copyOf(dialects));
  }

  /**
   * The model to report and price: the response model when known, else the requested one; null if
   * neither.
   */
  public String model() {
    return responseModel != null ? responseModel : requestModel;
  }
}
