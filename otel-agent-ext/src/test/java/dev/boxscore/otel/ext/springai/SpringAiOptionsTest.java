package dev.boxscore.otel.ext.springai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/** The options a call is recorded with: the request's, else the model's defaults. */
class SpringAiOptionsTest {
  private static ToolCallback tool(String name) {
    return new ToolCallback() {
      @Override
      public ToolDefinition getToolDefinition() {
        return ToolDefinition.builder().name(name).description(name).inputSchema("{}").build();
      }

      @Override
      public String call(String toolInput) {
        return "";
      }

      @Override
      public String call(String toolInput, ToolContext context) {
        return "";
      }
    };
  }

  /** An options class whose provider supports no model name: its getter throws. */
  private static ChatOptions throwingModel() {
    return new ChatOptions() {
      @Override
      public String getModel() {
        throw new UnsupportedOperationException("no model option");
      }

      @Override
      public Double getFrequencyPenalty() {
        return null;
      }

      @Override
      public Integer getMaxTokens() {
        return null;
      }

      @Override
      public Double getPresencePenalty() {
        return null;
      }

      @Override
      public List<String> getStopSequences() {
        return null;
      }

      @Override
      public Double getTemperature() {
        return null;
      }

      @Override
      public Integer getTopK() {
        return null;
      }

      @Override
      public Double getTopP() {
        return null;
      }

      @Override
      public <T extends ChatOptions> T copy() {
        throw new UnsupportedOperationException();
      }
    };
  }

  @Test
  void theRequestsValueWinsElseTheDefault() {
    ChatOptions defaults =
        ChatOptions.builder().model("gpt-4o-mini").stopSequences(List.of("END")).build();

    assertThat(SpringAiOptions.model(ChatOptions.builder().model("gpt-4o").build(), defaults))
        .isEqualTo("gpt-4o");
    assertThat(SpringAiOptions.model(ChatOptions.builder().temperature(0.2).build(), defaults))
        .isEqualTo("gpt-4o-mini");
    assertThat(SpringAiOptions.model(null, defaults)).isEqualTo("gpt-4o-mini");
    assertThat(SpringAiOptions.stopSequences(ChatOptions.builder().build(), defaults))
        .containsExactly("END");
    assertThat(SpringAiOptions.model(null, null)).isNull();
  }

  @Test
  void aBlankOrUnsupportedModelIsTheDefaults() {
    ChatOptions defaults = ChatOptions.builder().model("claude-sonnet-4").build();

    assertThat(SpringAiOptions.model(ChatOptions.builder().model(" ").build(), defaults))
        .isEqualTo("claude-sonnet-4");
    assertThat(SpringAiOptions.model(throwingModel(), defaults)).isEqualTo("claude-sonnet-4");
  }

  @Test
  void theToolsAreTheRequestsElseTheModelsDefaultTools() {
    ChatOptions request =
        ToolCallingChatOptions.builder().toolCallbacks(tool("weather"), tool("time")).build();
    ChatOptions defaults = ToolCallingChatOptions.builder().toolCallbacks(tool("search")).build();

    assertThat(SpringAiOptions.toolNames(request, defaults)).containsExactly("weather", "time");
    assertThat(SpringAiOptions.toolNames(ChatOptions.builder().build(), defaults))
        .containsExactly("search");
    assertThat(SpringAiOptions.toolNames(null, null)).isEmpty();
  }
}
