package dev.boxscore.storage.users;

import dev.boxscore.storage.search.UnitPrice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The end users and conversations of ONE project, from the LLM calls that name them (per hour:
 * ranges are taken at hour precision). Costs are computed with the unit prices given, which the
 * query API resolves from the project's prices.
 */
public interface UserReader {
  String projectId();

  List<UserTotals> users(
      Instant from, Instant to, String prefix, UserOrder order, int limit, List<UnitPrice> prices);

  Optional<UserTotals> user(String userId, Instant from, Instant to, List<UnitPrice> prices);

  /** A user's calls per bucket of time from {@code from}, every bucket, zeros included. */
  List<UserPoint> userSeries(
      String userId, Instant from, Instant to, Duration bucket, List<UnitPrice> prices);

  /** Conversations, the latest first; only the user's when {@code userId} is not null. */
  List<SessionTotals> sessions(
      Instant from, Instant to, String userId, int limit, List<UnitPrice> prices);

  Optional<SessionTotals> session(
      String sessionId, Instant from, Instant to, List<UnitPrice> prices);
}
