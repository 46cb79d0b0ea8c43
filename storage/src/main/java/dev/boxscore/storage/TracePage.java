package dev.boxscore.storage;

import java.util.List;

/** A page of traces; {@code next} is null on the last page. */
public record TracePage(List<TraceSummary> traces, TraceCursor next) {}
