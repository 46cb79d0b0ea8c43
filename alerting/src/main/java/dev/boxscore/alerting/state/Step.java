package dev.boxscore.alerting.state;

import java.util.Optional;

/** An instance's state after one evaluation, and the transition it made, if any. */
public record Step(AlertInstance instance, Optional<Transition> transition) {}
