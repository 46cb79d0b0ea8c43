/**
 * Turns spans of any LLM attribute dialect into one {@link dev.boxscore.model.LlmCall}: {@link
 * dev.boxscore.model.normalize.LlmSpanNormalizer}.
 */
package dev.boxscore.model.normalize;
