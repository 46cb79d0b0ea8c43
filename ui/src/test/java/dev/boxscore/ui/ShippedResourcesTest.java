package dev.boxscore.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks what the jar ships, as Quarkus will see it on the classpath: index.html under
 * META-INF/resources, every file it links, and every ES module reachable through relative imports.
 * A missing or misspelt file would only show as a blank page in the browser, so it fails here
 * instead.
 */
class ShippedResourcesTest {

  private static final String ROOT = "META-INF/resources/";
  private static final Pattern LINKED_FILE =
      Pattern.compile("(?:href|src)=\"(?!#|https?:|data:)([^\"]+)\"");
  private static final Pattern RELATIVE_IMPORT =
      Pattern.compile("(?:import|export)[^'\"]*?from\\s+'(\\./[^']+)'");
  private static final Pattern ANY_REMOTE_URL =
      Pattern.compile("(?:src|href)=\"https?:|@import\\s+url\\(\\s*['\"]?https?:");

  @Test
  void indexLinksOnlyFilesThatAreShipped() throws IOException {
    String index = read(ROOT + "index.html");

    List<String> linked =
        LINKED_FILE.matcher(index).results().map(match -> match.group(1)).toList();

    assertThat(linked).contains("css/base.css", "js/main.js", "favicon.svg");
    assertThat(linked).allSatisfy(path -> assertThat(resource(ROOT + path)).as(path).isNotNull());
  }

  @Test
  void everyModuleImportedFromMainJsIsShipped() throws IOException {
    Set<String> seen = new HashSet<>();
    Deque<String> pending = new ArrayDeque<>(List.of("js/main.js"));
    while (!pending.isEmpty()) {
      String module = pending.pop();
      if (!seen.add(module)) continue;
      assertThat(resource(ROOT + module)).as("module %s", module).isNotNull();
      Matcher imports = RELATIVE_IMPORT.matcher(read(ROOT + module));
      while (imports.find()) pending.push("js/" + imports.group(1).substring(2));
    }

    assertThat(seen)
        .contains(
            "js/api-client.js", "js/trace-list-view.js", "js/trace-detail-view.js", "js/format.js");
  }

  @Test
  void pageLoadsNothingFromOutsideTheServer() throws IOException {
    String index = read(ROOT + "index.html");

    assertThat(ANY_REMOTE_URL.matcher(index).find()).as("remote URL in index.html").isFalse();
    assertThat(index).contains("Content-Security-Policy").contains("default-src 'self'");
  }

  private static URL resource(String path) {
    return ShippedResourcesTest.class.getClassLoader().getResource(path);
  }

  private static String read(String path) throws IOException {
    URL url = resource(path);
    assertThat(url).as(path).isNotNull();
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
