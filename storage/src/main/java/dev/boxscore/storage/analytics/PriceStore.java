package dev.boxscore.storage.analytics;

import java.time.LocalDate;
import java.util.List;

/** A project's own prices. Every method takes the project first and touches only its rows. */
public interface PriceStore {
  List<ProjectPrice> prices(String projectId);

  /** Adds the price, or replaces the one with the same provider, pattern and effective day. */
  void put(String projectId, ProjectPrice price);

  /** Removes a price; true if there was one. */
  boolean delete(String projectId, String provider, String modelPattern, LocalDate effectiveFrom);
}
