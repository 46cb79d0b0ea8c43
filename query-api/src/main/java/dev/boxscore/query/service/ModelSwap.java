package dev.boxscore.query.service;

import dev.boxscore.storage.analytics.ModelVariant;

/**
 * A variant that started answering a request model in place of the one answering before it; {@code
 * kind} is {@code response_model} or {@code system_fingerprint}, whichever changed (the model when
 * both did).
 */
record ModelSwap(ModelVariant before, ModelVariant after, String kind) {}
