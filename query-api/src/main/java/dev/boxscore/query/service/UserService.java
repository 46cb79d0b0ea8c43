package dev.boxscore.query.service;

import dev.boxscore.query.api.SessionListResponse;
import dev.boxscore.query.api.SessionResponse;
import dev.boxscore.query.api.TraceSummaryResponse;
import dev.boxscore.query.api.UserListResponse;
import dev.boxscore.query.api.UserPointResponse;
import dev.boxscore.query.api.UserResponse;
import dev.boxscore.query.scope.ProjectScope;
import dev.boxscore.storage.TraceQuery;
import dev.boxscore.storage.search.FieldMatch;
import dev.boxscore.storage.search.FilterField;
import dev.boxscore.storage.search.TraceFilter;
import dev.boxscore.storage.search.UnitPrice;
import dev.boxscore.storage.users.SessionTotals;
import dev.boxscore.storage.users.UserOrder;
import dev.boxscore.storage.users.UserTotals;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * End users and conversations of the caller's project, priced with the project's prices (the prices
 * the trace list and analytics use, resolved per model and day and multiplied out in the engine).
 */
@ApplicationScoped
public class UserService {
  /** The most traces a session's page lists. */
  static final int SESSION_TRACES = 500;

  private final ProjectScope scope;
  private final PricingService pricing;
  private final TraceService traces;

  UserService(ProjectScope scope, PricingService pricing, TraceService traces) {
    this.scope = scope;
    this.pricing = pricing;
    this.traces = traces;
  }

  public UserListResponse users(
      Instant from, Instant to, String prefix, UserOrder order, int limit) {
    List<UnitPrice> prices = pricing.unitPrices(from, to);
    return new UserListResponse(
        scope.users().users(from, to, prefix, order, limit, prices).stream()
            .map(u -> user(u, null))
            .toList());
  }

  public Optional<UserResponse> user(String userId, Instant from, Instant to, Duration bucket) {
    List<UnitPrice> prices = pricing.unitPrices(from, to);
    return scope
        .users()
        .user(userId, from, to, prices)
        .map(
            u ->
                user(
                    u,
                    scope.users().userSeries(userId, from, to, bucket, prices).stream()
                        .map(
                            p ->
                                new UserPointResponse(
                                    p.time(), p.calls(), usd(p.costUsd()), p.errors()))
                        .toList()));
  }

  public SessionListResponse sessions(Instant from, Instant to, String userId, int limit) {
    List<UnitPrice> prices = pricing.unitPrices(from, to);
    return new SessionListResponse(
        scope.users().sessions(from, to, userId, limit, prices).stream()
            .map(s -> session(s, null))
            .toList());
  }

  public Optional<SessionResponse> session(String sessionId, Instant from, Instant to) {
    Optional<SessionTotals> totals =
        scope.users().session(sessionId, from, to, pricing.unitPrices(from, to));
    if (totals.isEmpty()) {
      return Optional.empty();
    }
    TraceFilter bySession =
        new TraceFilter(
            List.of(new FieldMatch(FilterField.SESSION, null, List.of(sessionId), false)),
            List.of(),
            List.of(),
            null,
            List.of());
    List<TraceSummaryResponse> list =
        new ArrayList<>(
            traces.find(new TraceQuery(bySession, from, to, SESSION_TRACES, null)).traces());
    Collections.reverse(list);
    return Optional.of(session(totals.get(), list));
  }

  private static UserResponse user(UserTotals u, List<UserPointResponse> series) {
    return new UserResponse(
        u.userId(),
        u.calls(),
        u.traces(),
        u.sessions(),
        u.inputTokens(),
        u.outputTokens(),
        usd(u.costUsd()),
        u.unpricedCalls(),
        u.errors(),
        u.firstSeen(),
        u.lastSeen(),
        series);
  }

  private static SessionResponse session(SessionTotals s, List<TraceSummaryResponse> list) {
    return new SessionResponse(
        s.sessionId(),
        s.userId().isEmpty() ? null : s.userId(),
        s.traces(),
        s.calls(),
        usd(s.costUsd()),
        s.start(),
        s.end(),
        Math.max(0, Duration.between(s.start(), s.end()).toNanos() / 1e6),
        s.errors() > 0,
        list);
  }

  /** The engine's sum in USD, to the 1e-9 (its float error is far below). */
  static BigDecimal usd(double value) {
    BigDecimal v = BigDecimal.valueOf(value).setScale(9, RoundingMode.HALF_UP).stripTrailingZeros();
    return v.signum() == 0 ? BigDecimal.ZERO : v;
  }
}
