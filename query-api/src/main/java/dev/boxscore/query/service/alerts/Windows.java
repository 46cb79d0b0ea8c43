package dev.boxscore.query.service.alerts;

import java.time.Duration;

/** Durations as rules write them ({@code 10m}, {@code 1h30m}). */
final class Windows {
  private Windows() {}

  static String text(Duration d) {
    if (d == null) {
      return "";
    }
    long s = d.getSeconds();
    if (s == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long days = s / 86_400;
    long hours = (s % 86_400) / 3600;
    long minutes = (s % 3600) / 60;
    long seconds = s % 60;
    if (days > 0) b.append(days).append('d');
    if (hours > 0) b.append(hours).append('h');
    if (minutes > 0) b.append(minutes).append('m');
    if (seconds > 0) b.append(seconds).append('s');
    return b.toString();
  }
}
