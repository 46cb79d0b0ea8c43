package dev.boxscore.demo;

/** The kinds of LLM call the demo makes; each request picks one to three of them. */
enum LlmCall {
  /** openai-java chat completion, non-streaming (stock agent: {@code chat <model>} span). */
  OPENAI_CHAT,
  /** openai-java chat completion, streaming with include_usage (stock agent: span with usage). */
  OPENAI_CHAT_STREAM,
  /** anthropic-java messages.create (the SDK emits its own spans once an agent is present). */
  ANTHROPIC_MESSAGES,
  /**
   * LangChain4j OpenAiChatModel (not instrumented by the stock agent; the Boxscore extension is).
   */
  LANGCHAIN4J_CHAT,
  /**
   * LangChain4j OpenAiStreamingChatModel (Boxscore extension: span with time to first token).
   * Streaming models make no retries, so the demo never forces an error on this kind (one request
   * per call, like the others on success).
   */
  LANGCHAIN4J_STREAM
}
