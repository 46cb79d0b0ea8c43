package dev.boxscore.alerting.notify;

import java.net.URI;

/** Alerts link into the UI with relative URLs ("/#/traces?…"); receivers need absolute ones. */
final class Links {
  private Links() {}

  /** {@code url} resolved against {@code base}; unchanged when already absolute or no base. */
  static String absolute(String base, String url) {
    if (url == null || url.isBlank()) {
      return base;
    }
    if (base == null || base.isBlank()) {
      return url;
    }
    try {
      if (URI.create(url).isAbsolute()) {
        return url;
      }
    } catch (IllegalArgumentException e) {
      return url; // not a URI we understand: pass it on as the evaluator gave it
    }
    String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return url.startsWith("/") ? b + url : b + "/" + url;
  }
}
