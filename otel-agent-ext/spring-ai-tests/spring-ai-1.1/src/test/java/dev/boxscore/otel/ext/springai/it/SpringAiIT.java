package dev.boxscore.otel.ext.springai.it;

/** Spring AI 1.1.x on Spring Boot 3 (the versions in this module's pom). */
class SpringAiIT extends AbstractSpringAiIT {
  @Override
  protected SpringAiLine line() {
    return new SpringAi11Line();
  }
}
