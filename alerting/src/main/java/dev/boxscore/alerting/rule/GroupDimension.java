package dev.boxscore.alerting.rule;

import java.util.Optional;

/**
 * What a rule may group by: one alert per value, like Prometheus labels. The API name is also the
 * alert's label name.
 */
public enum GroupDimension {
  MODEL("model"),
  SERVICE("service"),
  PROVIDER("provider"),
  PROMPT_VERSION("prompt_version");

  private final String apiName;

  GroupDimension(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  public static Optional<GroupDimension> fromApiName(String name) {
    for (GroupDimension d : values()) {
      if (d.apiName.equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }
}
