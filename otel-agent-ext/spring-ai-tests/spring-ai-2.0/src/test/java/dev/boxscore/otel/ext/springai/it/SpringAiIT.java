package dev.boxscore.otel.ext.springai.it;

/** Spring AI 2.0.x on Spring Boot 4 (the versions in this module's pom). */
class SpringAiIT extends AbstractSpringAiIT {
  @Override
  protected SpringAiLine line() {
    return new SpringAi20Line();
  }
}
