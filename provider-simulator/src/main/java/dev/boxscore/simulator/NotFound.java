package dev.boxscore.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Every path the simulator does not serve: 404 in the dialect the request looks like. */
final class NotFound extends EndpointHandler {

  NotFound(SimulatorState state) {
    super(state, Provider.OPENAI, null);
  }

  @Override
  Provider provider(HttpExchange exchange) {
    return exchange.getRequestHeaders().containsKey("anthropic-version")
        ? Provider.ANTHROPIC
        : Provider.OPENAI;
  }

  @Override
  void serve(Call call) throws IOException {
    call.sendError(
        404,
        "Unknown request URL: "
            + call.exchange.getRequestMethod()
            + " "
            + call.exchange.getRequestURI().getPath()
            + ".",
        null);
  }
}
