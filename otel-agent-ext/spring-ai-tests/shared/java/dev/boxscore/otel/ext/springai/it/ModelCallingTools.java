package dev.boxscore.otel.ext.springai.it;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/** A tool that asks another model (an agent used as a tool): its provider call is one more LLM call of the trace. */
public class ModelCallingTools {
  private final ChatModel forecaster;

  public ModelCallingTools(ChatModel forecaster) {
    this.forecaster = forecaster;
  }

  @Tool(name = "get_weather", description = "Current weather for a city")
  public String getWeather(@ToolParam(description = "The city") String city) {
    return forecaster.call(new Prompt("Describe the weather in " + city)).getResult().getOutput().getText();
  }
}
