package dev.boxscore.query.service.alerts;

import dev.boxscore.alerting.state.Observation;
import java.util.Map;

/** What one evaluation of a rule found for one group. */
record GroupObservation(Map<String, String> group, Observation observation) {}
