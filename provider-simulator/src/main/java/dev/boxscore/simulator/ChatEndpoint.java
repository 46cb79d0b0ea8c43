package dev.boxscore.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;

/**
 * Chat-style endpoints: parse a {@link Prompt}, maybe fail with an injected error, pick the
 * response model, plan the {@link Completion}, wait as the scenario says, and render it as JSON or
 * as a stream.
 *
 * <p>Timing: a stream waits {@code latency} before its headers, {@code ttft} before the first
 * content event and {@code chunk-delay} between content events; a non-streaming response waits the
 * same total before answering.
 */
abstract class ChatEndpoint extends EndpointHandler {

  ChatEndpoint(SimulatorState state, Provider provider) {
    super(state, provider, "POST");
  }

  abstract Prompt prompt(JsonNode body);

  abstract JsonNode render(Call call, Prompt prompt, Completion completion);

  /** Writes every event; calls {@code pacer.beforeContent()} before each content event. */
  abstract void stream(
      Call call, Prompt prompt, Completion completion, EventStream events, Pacer pacer)
      throws IOException;

  @Override
  final void serve(Call call) throws IOException {
    Prompt prompt = prompt(call.body);
    call.model = prompt.model();
    call.stream = prompt.stream();
    if (injectedError(call)) {
      return;
    }
    call.responseModel = state.router.answer(prompt.model());
    Completion completion =
        Completion.plan(
            prompt,
            call.scenario,
            call.responseModel,
            call.provider,
            state.settings.cacheMinTokens());
    Scenario scenario = call.scenario;
    if (prompt.stream()) {
      EventStream.pause(scenario.latency());
      EventStream events = call.openStream();
      stream(call, prompt, completion, events, new Pacer(scenario));
    } else {
      int pieces = Math.max(1, completion.words().size());
      EventStream.pause(
          scenario
              .latency()
              .plus(scenario.timeToFirstToken())
              .plus(scenario.chunkDelay().multipliedBy(pieces - 1L)));
      call.sendJson(200, render(call, prompt, completion));
    }
  }

  /** Sleeps ttft before the first content event and chunk-delay before each later one. */
  static final class Pacer {
    private final Scenario scenario;
    private boolean first = true;

    Pacer(Scenario scenario) {
      this.scenario = scenario;
    }

    void beforeContent() {
      Duration wait = first ? scenario.timeToFirstToken() : scenario.chunkDelay();
      first = false;
      EventStream.pause(wait);
    }
  }
}
