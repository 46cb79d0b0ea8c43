package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared by all endpoints of one simulator: settings, model routing, error draws, ids and the
 * request log.
 */
final class SimulatorState {
  final SimulatorSettings settings;
  final ModelRouter router;
  final ErrorInjector errors;
  final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ids = new AtomicLong();
  private final List<RecordedRequest> recorded = new ArrayList<>();

  SimulatorState(SimulatorSettings settings) {
    this.settings = settings;
    this.router = new ModelRouter(settings.modelAliases(), settings.modelSwaps(), settings.clock());
    this.errors =
        new ErrorInjector(settings.errorRate(), settings.errorSeed(), settings.errorKinds());
  }

  /**
   * Sequential ids such as {@code chatcmpl-sim000000000001}: unique per simulator, reproducible per
   * run.
   */
  String nextId(String prefix) {
    return prefix + String.format("sim%012d", ids.incrementAndGet());
  }

  long epochSeconds() {
    return settings.clock().instant().getEpochSecond();
  }

  void record(RecordedRequest request) {
    synchronized (recorded) {
      recorded.add(request);
    }
  }

  List<RecordedRequest> recorded() {
    synchronized (recorded) {
      return List.copyOf(recorded);
    }
  }

  void clearRecorded() {
    synchronized (recorded) {
      recorded.clear();
    }
  }
}
