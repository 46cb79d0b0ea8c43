/**
 * Normalized LLM call records: {@link dev.boxscore.model.LlmCall}, {@link
 * dev.boxscore.model.TokenUsage}, {@link dev.boxscore.model.LlmDialect}.
 */
package dev.boxscore.model;
