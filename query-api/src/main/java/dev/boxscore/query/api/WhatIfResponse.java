package dev.boxscore.query.api;

import java.time.Instant;
import java.util.List;

/** Real traffic of [from, to) re-priced as if it had used {@code targetModel}; {@code assumption} states how. */
public record WhatIfResponse(
    Instant from, Instant to, String targetModel, String targetProvider, String assumption,
    List<WhatIfRowResponse> services, WhatIfRowResponse total) {}
