package dev.boxscore.alerting.state;

import java.time.Instant;

/** A change of an alert's state, as the history records it. */
public record Transition(AlertState from, AlertState to, Instant at) {}
