package dev.boxscore.query.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.boxscore.storage.TraceCursor;
import java.time.Instant;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The trace API's parameter parsing: what it accepts, and each rejection naming the parameter. */
class ParametersTest {
  private static final Instant FALLBACK = Instant.parse("2026-01-01T00:00:00Z");
  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  /** The call fails with a 400 naming {@code parameter}, the message starting with it. */
  static AbstractThrowableAssert<?, ? extends Throwable> rejects(String parameter, Runnable call) {
    return assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            BadParameterException.class, e -> assertThat(e.parameter()).isEqualTo(parameter))
        .hasMessageStartingWith(parameter + ": ");
  }

  @Test
  void anInstantIsIso8601WithinTheStorableYearsAndBlankMeansTheFallback() {
    assertThat(Parameters.instant("from", "2026-11-28T10:15:30Z", FALLBACK))
        .isEqualTo(Instant.parse("2026-11-28T10:15:30Z"));
    assertThat(Parameters.instant("from", " 2026-11-28T10:15:30.123456789Z\n", FALLBACK))
        .isEqualTo(Instant.parse("2026-11-28T10:15:30.123456789Z"));
    assertThat(Parameters.instant("from", null, FALLBACK)).isEqualTo(FALLBACK);
    assertThat(Parameters.instant("from", " ", FALLBACK)).isEqualTo(FALLBACK);
    // The bounds themselves are storable (epoch nanoseconds from 1970 to 2262).
    assertThat(Parameters.instant("from", "1970-01-01T00:00:00Z", FALLBACK))
        .isEqualTo(Instant.EPOCH);
    assertThat(Parameters.instant("to", "2262-01-01T00:00:00Z", FALLBACK))
        .isEqualTo(Instant.parse("2262-01-01T00:00:00Z"));
  }

  @Test
  void anInstantOutsideTheStorableYearsOrNotIso8601IsRejectedByName() {
    rejects("from", () -> Parameters.instant("from", "1969-12-31T23:59:59Z", FALLBACK))
        .hasMessage("from: must be between 1970 and 2262");
    rejects("to", () -> Parameters.instant("to", "2262-01-01T00:00:01Z", FALLBACK))
        .hasMessage("to: must be between 1970 and 2262");
    rejects("to", () -> Parameters.instant("to", "yesterday", FALLBACK))
        .hasMessageContaining("ISO-8601")
        .hasMessageEndingWith("got \"yesterday\"");
    // Without a zone it is not an instant.
    rejects("from", () -> Parameters.instant("from", "2026-11-28T10:15:30", FALLBACK));
    rejects("from", () -> Parameters.instant("from", "1732788930", FALLBACK));
  }

  @Test
  void aLongBadValueIsQuotedCutTo64Characters() {
    String value = "x".repeat(10_000);
    rejects("from", () -> Parameters.instant("from", value, FALLBACK))
        .hasMessageEndingWith("got \"" + "x".repeat(64) + "…\"");
    assertThat(Parameters.abbreviate("y".repeat(64))).isEqualTo("y".repeat(64));
    assertThat(Parameters.abbreviate("y".repeat(65))).isEqualTo("y".repeat(64) + "…");
  }

  @Test
  void aLimitIsAWholeNumberFromOneToTheMaximum() {
    assertThat(Parameters.limit("limit", null, 50, 1000)).isEqualTo(50);
    assertThat(Parameters.limit("limit", "", 50, 1000)).isEqualTo(50);
    assertThat(Parameters.limit("limit", "1", 50, 1000)).isEqualTo(1);
    assertThat(Parameters.limit("limit", " 1000 ", 50, 1000)).isEqualTo(1000);
    rejects("limit", () -> Parameters.limit("limit", "0", 50, 1000))
        .hasMessage("limit: must be between 1 and 1000, got 0");
    rejects("limit", () -> Parameters.limit("limit", "1001", 50, 1000))
        .hasMessage("limit: must be between 1 and 1000, got 1001");
    rejects("limit", () -> Parameters.limit("limit", "-5", 50, 1000));
    rejects("limit", () -> Parameters.limit("limit", "ten", 50, 1000))
        .hasMessage("limit: must be a whole number, got \"ten\"");
    rejects("limit", () -> Parameters.limit("limit", "2.5", 50, 1000))
        .hasMessageContaining("whole number");
    // Past int: still a 400, not an overflow into range.
    rejects("limit", () -> Parameters.limit("limit", "4294967297", 50, 1000))
        .hasMessageContaining("whole number");
  }

  @Test
  void aCursorIsOneThisApiReturnedAndBlankMeansTheFirstPage() {
    TraceCursor cursor = new TraceCursor(1_732_788_930_000_000_000L, TRACE_ID);
    assertThat(Parameters.cursor("cursor", cursor.encode())).isEqualTo(cursor);
    assertThat(Parameters.cursor("cursor", " " + cursor.encode() + " ")).isEqualTo(cursor);
    assertThat(Parameters.cursor("cursor", null)).isNull();
    assertThat(Parameters.cursor("cursor", "")).isNull();
    rejects("cursor", () -> Parameters.cursor("cursor", "not-a-cursor"))
        .hasMessage("cursor: is not a cursor returned by this API");
    rejects("cursor", () -> Parameters.cursor("cursor", "%%%"));
  }

  @Test
  void aTraceIdIs32HexCharactersAnsweredInLowerCase() {
    assertThat(Parameters.traceId("traceId", TRACE_ID)).isEqualTo(TRACE_ID);
    assertThat(Parameters.traceId("traceId", TRACE_ID.toUpperCase())).isEqualTo(TRACE_ID);
    rejects("traceId", () -> Parameters.traceId("traceId", TRACE_ID.substring(1)))
        .hasMessage("traceId: must be 32 hexadecimal characters");
    rejects("traceId", () -> Parameters.traceId("traceId", TRACE_ID + "0"));
    rejects("traceId", () -> Parameters.traceId("traceId", "g" + TRACE_ID.substring(1)));
    rejects("traceId", () -> Parameters.traceId("traceId", "' OR 1=1 --"));
    rejects("traceId", () -> Parameters.traceId("traceId", " " + TRACE_ID));
    rejects("traceId", () -> Parameters.traceId("traceId", null));
  }

  @Test
  void aFilterIsKeptVerbatimUpTo512CharactersAndBlankMeansNone() {
    assertThat(Parameters.filter("service", null)).isNull();
    assertThat(Parameters.filter("service", "  ")).isNull();
    assertThat(Parameters.filter("service", "checkout")).isEqualTo("checkout");
    // A value is data: not trimmed, not escaped.
    assertThat(Parameters.filter("service", " it's; DROP TABLE spans "))
        .isEqualTo(" it's; DROP TABLE spans ");
    assertThat(Parameters.filter("service", "s".repeat(512))).hasSize(512);
    rejects("service", () -> Parameters.filter("service", "s".repeat(513)))
        .hasMessage("service: must be at most 512 characters");
  }
}
