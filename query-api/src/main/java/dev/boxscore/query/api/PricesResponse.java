package dev.boxscore.query.api;

import java.util.List;

/** The project's own prices (looked up first) and the built-in catalog. */
public record PricesResponse(List<PriceResponse> project, List<PriceResponse> builtIn) {}
