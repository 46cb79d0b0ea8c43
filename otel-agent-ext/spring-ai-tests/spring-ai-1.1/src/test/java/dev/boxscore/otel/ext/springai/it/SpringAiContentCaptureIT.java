package dev.boxscore.otel.ext.springai.it;

/** Content capture, Spring AI 1.1.x on Spring Boot 3 (the versions in this module's pom). */
class SpringAiContentCaptureIT extends AbstractSpringAiContentCaptureIT {
  @Override
  protected SpringAiLine line() {
    return new SpringAi11Line();
  }
}
