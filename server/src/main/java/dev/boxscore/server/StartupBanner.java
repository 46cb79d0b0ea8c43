package dev.boxscore.server;

import dev.boxscore.collector.CollectorRole;
import dev.boxscore.server.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the user needs once the server is up: where the UI, API and OTLP endpoints are, and the key.
 */
@ApplicationScoped
public class StartupBanner {
  private static volatile String infrastructure = "external Kafka and ClickHouse";

  private final CollectorRole collector;
  private final AuthConfig auth;
  private final int httpPort;
  private final String httpHost;
  private final String agentJar;
  private final String extensionJar;

  StartupBanner(
      CollectorRole collector,
      AuthConfig auth,
      @ConfigProperty(name = "quarkus.http.port") int httpPort,
      @ConfigProperty(name = "quarkus.http.host") String httpHost,
      @ConfigProperty(
              name = "boxscore.launcher.agent-jar",
              defaultValue = "opentelemetry-javaagent.jar")
          String agentJar,
      @ConfigProperty(
              name = "boxscore.launcher.extension-jar",
              defaultValue = "boxscore-otel-extension.jar")
          String extensionJar) {
    this.collector = collector;
    this.auth = auth;
    this.httpPort = httpPort;
    this.httpHost = httpHost;
    this.agentJar = agentJar;
    this.extensionJar = extensionJar;
  }

  static void describe(OneMachine machine) {
    infrastructure =
        "Kafka "
            + (machine.embeddedKafka() ? "embedded" : "external")
            + ", ClickHouse "
            + (machine.embeddedClickHouse() ? "embedded" : "external")
            + ", data in "
            + machine.dataDir();
  }

  void print() {
    String host = "0.0.0.0".equals(httpHost) ? "127.0.0.1" : httpHost;
    String key = auth.bootstrapKey().orElse("<your key>");
    String ui = "http://" + host + ":" + httpPort;
    String otlpHttp = "http://" + host + ":" + collector.httpPort();
    StringBuilder out = new StringBuilder();
    out.append("\n  Boxscore is up (").append(infrastructure).append(")\n\n");
    out.append("  UI            ").append(ui).append("/#key=").append(key).append('\n');
    out.append("  API           ")
        .append(ui)
        .append("/api/v1/traces   (OpenAPI: ")
        .append(ui)
        .append("/q/openapi)\n");
    out.append("  API key       ").append(key).append("   (header: Authorization: Bearer <key>)\n");
    if (collector.httpPort() > 0) {
      out.append("  OTLP HTTP     ").append(otlpHttp).append("/v1/traces\n");
      out.append("  OTLP gRPC     ")
          .append(host)
          .append(':')
          .append(collector.grpcPort())
          .append('\n');
      out.append("\n  Attach a JVM service (no code change):\n");
      out.append("    java -javaagent:").append(agentJar).append(" \\\n");
      out.append("         -Dotel.javaagent.extensions=").append(extensionJar).append(" \\\n");
      out.append("         -Dotel.service.name=my-service \\\n");
      out.append("         -Dotel.exporter.otlp.protocol=http/protobuf \\\n");
      out.append("         -Dotel.exporter.otlp.endpoint=").append(otlpHttp).append(" \\\n");
      out.append("         -Dotel.exporter.otlp.headers=Authorization=")
          .append(URLEncoder.encode("Bearer " + key, StandardCharsets.UTF_8).replace("+", "%20"))
          .append(" \\\n");
      out.append("         -jar your-app.jar\n");
    }
    out.append("\n  Press Ctrl-C to stop.\n");
    System.out.println(out);
  }
}
