package dev.boxscore.otel.ext.springai.it;

/** Content capture, Spring AI 2.0.x on Spring Boot 4 (the versions in this module's pom). */
class SpringAiContentCaptureIT extends AbstractSpringAiContentCaptureIT {
  @Override
  protected SpringAiLine line() {
    return new SpringAi20Line();
  }
}
