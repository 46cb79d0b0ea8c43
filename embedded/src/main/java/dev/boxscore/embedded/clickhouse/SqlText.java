package dev.boxscore.embedded.clickhouse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Just enough of ClickHouse's lexer to split a request into statement and insert data, find a
 * statement's FORMAT clause and spot a second statement. Works on the UTF-8 bytes of a possibly
 * incomplete prefix: string literals, quoted identifiers, heredocs and comments are skipped, so
 * keywords inside them never count.
 */
final class SqlText {

  /** What the start of an INSERT request holds. */
  sealed interface InsertScan permits InsertWithData, NotInlineInsert, NeedMoreInput {}

  /**
   * An INSERT whose data starts at {@code dataStart}: {@code head} is the statement before
   * VALUES/FORMAT (what the streaming-insert API takes), {@code format} the data's format ("Values"
   * for VALUES).
   */
  record InsertWithData(String head, String format, int dataStart) implements InsertScan {}

  /** Not an INSERT, or an INSERT ... SELECT: the whole text is one query. */
  record NotInlineInsert() implements InsertScan {}

  /** The prefix ends before the data start is known. */
  record NeedMoreInput() implements InsertScan {}

  /**
   * A complete non-insert statement: whether a second statement follows, and its FORMAT clause if
   * any.
   */
  record QueryShape(boolean multipleStatements, String explicitFormat) {}

  private enum Type {
    WORD,
    QUOTED,
    PUNCT,
    END,
    INCOMPLETE
  }

  private record Token(Type type, int start, int end) {}

  private final byte[] text;
  private final int length;
  private final boolean complete;
  private int position;

  private SqlText(byte[] text, int length, boolean complete) {
    this.text = text;
    this.length = length;
    this.complete = complete;
  }

  /** Scans the first {@code length} bytes; {@code complete} says no more bytes follow. */
  static InsertScan scanInsert(byte[] text, int length, boolean complete) {
    return new SqlText(text, length, complete).insert();
  }

  static QueryShape scanQuery(byte[] text, int length) {
    return new SqlText(text, length, true).query();
  }

  private InsertScan insert() {
    Token first = next();
    if (first.type == Type.INCOMPLETE) {
      return new NeedMoreInput();
    }
    if (!isWord(first, "INSERT")) {
      return new NotInlineInsert();
    }
    int depth = 0;
    Token previous = first;
    boolean tableNameNext = false;
    while (true) {
      Token token = next();
      switch (token.type) {
        case INCOMPLETE:
          return new NeedMoreInput();
        case END:
          return complete ? new NotInlineInsert() : new NeedMoreInput();
        case PUNCT:
          byte c = text[token.start];
          if (c == '(') {
            depth++;
          } else if (c == ')') {
            depth--;
          }
          break;
        case QUOTED:
          tableNameNext = false;
          break;
        case WORD:
          boolean afterDot = previous.type == Type.PUNCT && text[previous.start] == '.';
          if (depth > 0 || afterDot) {
            break;
          }
          if (tableNameNext) {
            // "INTO [TABLE] name": the name may spell a keyword (a table called values).
            tableNameNext = isWord(token, "TABLE") || isWord(token, "FUNCTION");
            break;
          }
          if (isWord(token, "INTO")) {
            tableNameNext = true;
          } else if (isWord(token, "SELECT") || isWord(token, "WITH")) {
            return new NotInlineInsert();
          } else if (isWord(token, "VALUES")) {
            return new InsertWithData(head(token), "Values", skipWhitespace(token.end));
          } else if (isWord(token, "FORMAT")) {
            return formatData(token);
          }
          break;
        default:
          break;
      }
      previous = token;
    }
  }

  private InsertScan formatData(Token formatKeyword) {
    Token name = next();
    if (name.type == Type.INCOMPLETE || (name.type == Type.END && !complete)) {
      return new NeedMoreInput();
    }
    if (name.type != Type.WORD && name.type != Type.QUOTED) {
      return new NotInlineInsert(); // let the engine report the syntax error
    }
    // The server's rule (ParserInsertQuery): skip blanks, then one optional CR and one optional LF.
    int data = name.end;
    while (data < length && (text[data] == ' ' || text[data] == '\t' || text[data] == '\f')) {
      data++;
    }
    if (data == length && !complete) {
      return new NeedMoreInput();
    }
    if (data < length && text[data] == '\r') {
      data++;
      if (data == length && !complete) {
        return new NeedMoreInput();
      }
    }
    if (data < length && text[data] == '\n') {
      data++;
    }
    return new InsertWithData(head(formatKeyword), unquote(name), data);
  }

  private QueryShape query() {
    int depth = 0;
    String format = null;
    Token previous = null;
    boolean ended = false;
    while (true) {
      Token token = next();
      if (token.type == Type.END || token.type == Type.INCOMPLETE) {
        return new QueryShape(false, format);
      }
      if (ended) {
        return new QueryShape(true, format);
      }
      if (token.type == Type.PUNCT) {
        byte c = text[token.start];
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == ';' && depth <= 0) {
          ended = true;
        }
      } else if (depth == 0
          && previous != null
          && isWord(previous, "FORMAT")
          && (token.type == Type.WORD || token.type == Type.QUOTED)
          && endsClause(token)) {
        format = unquote(token);
      }
      previous = token;
    }
  }

  /**
   * A FORMAT name ends the statement or is followed by SETTINGS; otherwise "format" was a column
   * name.
   */
  private boolean endsClause(Token name) {
    int saved = position;
    Token after = next();
    position = saved;
    return after.type == Type.END
        || after.type == Type.INCOMPLETE
        || (after.type == Type.PUNCT && text[after.start] == ';')
        || isWord(after, "SETTINGS");
  }

  private String head(Token keyword) {
    return new String(text, 0, keyword.start, StandardCharsets.UTF_8).strip();
  }

  private int skipWhitespace(int from) {
    int at = from;
    while (at < length && isSpace(text[at])) {
      at++;
    }
    return at;
  }

  private String unquote(Token token) {
    if (token.type == Type.QUOTED) {
      return new String(text, token.start + 1, token.end - token.start - 2, StandardCharsets.UTF_8);
    }
    return new String(text, token.start, token.end - token.start, StandardCharsets.UTF_8);
  }

  private boolean isWord(Token token, String keyword) {
    return token.type == Type.WORD
        && token.end - token.start == keyword.length()
        && new String(text, token.start, keyword.length(), StandardCharsets.US_ASCII)
            .toUpperCase(Locale.ROOT)
            .equals(keyword);
  }

  private Token next() {
    while (position < length) {
      byte c = text[position];
      if (isSpace(c)) {
        position++;
      } else if (c == '-' && peek(1) == '-') {
        if (!skipPast((byte) '\n', position + 2)) {
          return endOfInput();
        }
      } else if (c == '/' && peek(1) == '*') {
        if (!skipBlockComment()) {
          return endOfInput();
        }
      } else {
        break;
      }
    }
    if (position >= length) {
      return new Token(Type.END, length, length);
    }
    int start = position;
    byte c = text[position];
    if (c == '\'' || c == '"' || c == '`') {
      if (!skipQuoted(c)) {
        return new Token(Type.INCOMPLETE, start, length);
      }
      return new Token(c == '\'' ? Type.PUNCT : Type.QUOTED, start, position);
    }
    if (c == '$') {
      int heredoc = skipHeredoc();
      if (heredoc > 0) {
        return new Token(Type.PUNCT, start, position);
      }
      if (heredoc == 0) {
        return endOfInput();
      }
    }
    if (isWordByte(c)) {
      while (position < length && isWordByte(text[position])) {
        position++;
      }
      // A word cut by the end of the prefix may continue: FORMA|T.
      return position == length && !complete
          ? new Token(Type.INCOMPLETE, start, length)
          : new Token(Type.WORD, start, position);
    }
    position++;
    return new Token(Type.PUNCT, start, position);
  }

  private Token endOfInput() {
    position = length;
    return complete
        ? new Token(Type.END, length, length)
        : new Token(Type.INCOMPLETE, length, length);
  }

  private boolean skipPast(byte terminator, int from) {
    for (int at = from; at < length; at++) {
      if (text[at] == terminator) {
        position = at + 1;
        return true;
      }
    }
    return false;
  }

  private boolean skipBlockComment() {
    int depth = 0;
    int at = position;
    while (at + 1 < length) {
      if (text[at] == '/' && text[at + 1] == '*') {
        depth++;
        at += 2;
      } else if (text[at] == '*' && text[at + 1] == '/') {
        depth--;
        at += 2;
        if (depth == 0) {
          position = at;
          return true;
        }
      } else {
        at++;
      }
    }
    return false;
  }

  /**
   * Skips '...', "..." or `...` with backslash escapes and doubled quotes; false when unterminated.
   */
  private boolean skipQuoted(byte quote) {
    int at = position + 1;
    while (at < length) {
      byte c = text[at];
      if (c == '\\') {
        at += 2;
      } else if (c == quote) {
        if (at + 1 < length && text[at + 1] == quote) {
          at += 2;
        } else {
          position = at + 1;
          return true;
        }
      } else {
        at++;
      }
    }
    return false;
  }

  /**
   * $tag$ ... $tag$ (tag may be empty): 1 skipped, 0 unterminated, -1 no heredoc (position left
   * alone).
   */
  private int skipHeredoc() {
    int tagEnd = position + 1;
    while (tagEnd < length && isWordByte(text[tagEnd]) && text[tagEnd] != '$') {
      tagEnd++;
    }
    if (tagEnd >= length || text[tagEnd] != '$') {
      return -1;
    }
    byte[] tag = Arrays.copyOfRange(text, position, tagEnd + 1);
    for (int at = tagEnd + 1; at + tag.length <= length; at++) {
      if (Arrays.equals(text, at, at + tag.length, tag, 0, tag.length)) {
        position = at + tag.length;
        return 1;
      }
    }
    return 0;
  }

  private byte peek(int offset) {
    return position + offset < length ? text[position + offset] : 0;
  }

  private static boolean isSpace(byte c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private static boolean isWordByte(byte c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c < 0;
  }
}
