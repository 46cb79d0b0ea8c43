package dev.boxscore.otel.ext.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptFingerprintTest {
  @Test
  void variablePartsDoNotChangeTheFingerprint() {
    String a =
        PromptFingerprint.of(
            "You help customer jane@example.com with order 12345 placed 2026-11-02.\n  Be brief.");
    String b =
        PromptFingerprint.of(
            "You help customer joe@example.org with order 998 placed 2025-01-31.  Be brief.");
    assertThat(a).matches("[0-9a-f]{16}").isEqualTo(b);
  }

  @Test
  void otherWordingIsAnotherPrompt() {
    assertThat(PromptFingerprint.of("You help customers. Be brief."))
        .isNotEqualTo(PromptFingerprint.of("You help customers. Be detailed."));
  }

  @Test
  void templateVariablesAndIdsAreNormalized() {
    assertThat(
            PromptFingerprint.normalize(
                "Hi {{ name }}, session 3f2a9c1e-1b2c-4d5e-8f90-0123456789ab, ref a1b2c3d4e5f6a7"))
        .isEqualTo("Hi <var>, session <id>, ref <id>");
    assertThat(PromptFingerprint.of("   ")).isNull();
  }
}
