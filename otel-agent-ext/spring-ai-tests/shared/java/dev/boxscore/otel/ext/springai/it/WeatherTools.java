package dev.boxscore.otel.ext.springai.it;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/** A tool as a Spring AI user writes one; the simulator calls it when the user message names it. */
public class WeatherTools {
  @Tool(name = "get_weather", description = "Current weather for a city")
  public String getWeather(@ToolParam(description = "The city") String city) {
    return "Sunny, 21 C in " + city;
  }
}
