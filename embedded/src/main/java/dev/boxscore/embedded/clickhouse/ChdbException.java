package dev.boxscore.embedded.clickhouse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A ClickHouse error as chDB reports it ("Code: N. DB::Exception: ..."), or one the adapter raises
 * in the same form.
 */
final class ChdbException extends RuntimeException {

  static final int BAD_ARGUMENTS = 36;
  static final int SYNTAX_ERROR = 62;
  static final int UNKNOWN_FORMAT = 73;
  static final int NOT_IMPLEMENTED = 48;
  static final int UNKNOWN_DATABASE = 81;
  static final int ABORTED = 236;

  private static final Pattern CODE = Pattern.compile("^\\s*Code: (\\d+)\\.");

  private final int code;

  private ChdbException(int code, String text) {
    super(text);
    this.code = code;
  }

  /**
   * Wraps the error text chDB returned; code 1000 (POCO_EXCEPTION, the server's catch-all) when it
   * has none.
   */
  static ChdbException fromEngine(String text) {
    Matcher matcher = CODE.matcher(text);
    return matcher.find()
        ? new ChdbException(Integer.parseInt(matcher.group(1)), text)
        : new ChdbException(1000, text);
  }

  /** An error raised by the adapter itself, worded like the server's. */
  static ChdbException of(int code, String name, String message) {
    return new ChdbException(
        code, "Code: " + code + ". DB::Exception: " + message + ". (" + name + ")");
  }

  int code() {
    return code;
  }

  /**
   * The HTTP status ClickHouse's server answers for this code (HTTPHandler's mapping, the codes
   * clients meet).
   */
  int httpStatus() {
    return switch (code) {
      case 516, 192, 193 -> 401; // authentication failed, unknown user, wrong password
      case 164, 497 -> 403; // readonly, access denied
      case 60, 81, 16 -> 404; // unknown table, unknown database, no such column in table
      case 6,
          25,
          26,
          27,
          32,
          33,
          34,
          35,
          36,
          38,
          41,
          42,
          43,
          44,
          46,
          47,
          51,
          53,
          62,
          69,
          72,
          73,
          76,
          80,
          115,
          117,
          120,
          386,
          456,
          457 ->
          400; // parse, syntax, type, argument, format, setting and parameter errors
      case 48 -> 501; // not implemented
      default -> 500;
    };
  }
}
