package org.supernodesim.workload.inference;

import java.util.Arrays;
import java.util.List;

/**
 * The Mooncake traces (kvcache-ai/Mooncake, FAST'25 release): one JSON object per line, e.g.
 * {@code {"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids": [0, 1]}}, with
 * integer milliseconds, token counts and one remapped prefix-block hash per 512 prompt tokens.
 * Two requests share a prefix KV cache for as many leading blocks as their lists agree on.
 *
 * <p>A small strict reader of exactly this shape (integers and one list of integers, keys in any
 * order, each once): the workloads module carries no JSON library, and a general parser would
 * accept rows the format never has.
 */
final class MooncakeJsonlFormat implements TraceFormat {
  static final int BLOCK_TOKENS = 512;
  private static final List<String> KEYS =
      List.of("timestamp", "input_length", "output_length", "hash_ids");

  @Override
  public String label() {
    return "mooncake-jsonl";
  }

  @Override
  public int headerLines() {
    return 0;
  }

  @Override
  public void checkHeader(List<String> header) {}

  @Override
  public int prefixBlockTokens() {
    return BLOCK_TOKENS;
  }

  @Override
  public Row parse(String line) {
    Cursor c = new Cursor(line.strip());
    long[] numbers = new long[3];
    boolean[] seen = new boolean[4];
    int[] hashes = null;
    c.expect('{');
    do {
      String key = c.string();
      int index = KEYS.indexOf(key);
      if (index < 0) {
        throw new TraceException(
            0, "unknown key \"" + key + "\"; keys: " + String.join(", ", KEYS));
      }
      if (seen[index]) {
        throw new TraceException(0, "key \"" + key + "\" appears twice");
      }
      seen[index] = true;
      c.expect(':');
      if (index == 3) {
        hashes = c.integers(key);
      } else {
        numbers[index] = c.integer(key);
      }
    } while (c.comma());
    c.expect('}');
    c.end();
    for (int i = 0; i < KEYS.size(); i++) {
      if (!seen[i]) {
        throw new TraceException(0, "key \"" + KEYS.get(i) + "\" is missing");
      }
    }
    if (numbers[0] < 0) {
      throw new TraceException(0, "timestamp " + numbers[0] + " is before the start of the trace");
    }
    int prompt = positive(numbers[1], "input_length");
    int output = positive(numbers[2], "output_length");
    int blocks = (prompt + BLOCK_TOKENS - 1) / BLOCK_TOKENS;
    if (hashes.length > blocks) {
      throw new TraceException(0, hashes.length + " hash_ids for " + prompt + " tokens; at most "
          + blocks + " blocks of " + BLOCK_TOKENS);
    }
    return new Row(numbers[0] / 1000, numbers[0] % 1000 * 1_000_000_000L, prompt, output, hashes);
  }

  private static int positive(long n, String key) {
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw new TraceException(0, key + " is " + n + "; a request needs 1 to 2^31-1 tokens");
    }
    return (int) n;
  }

  /** Reads the line left to right; each mistake names what was expected at which column. */
  private static final class Cursor {
    private final String text;
    private int at;

    Cursor(String text) {
      this.text = text;
    }

    private void skipSpaces() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private TraceException wrong(String expected) {
      String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end of the line";
      return new TraceException(0, "column " + (at + 1) + ": expected " + expected + ", found "
          + found);
    }

    void expect(char ch) {
      skipSpaces();
      if (at >= text.length() || text.charAt(at) != ch) {
        throw wrong("'" + ch + "'");
      }
      at++;
    }

    boolean comma() {
      skipSpaces();
      if (at < text.length() && text.charAt(at) == ',') {
        at++;
        return true;
      }
      return false;
    }

    void end() {
      skipSpaces();
      if (at != text.length()) {
        throw wrong("the end of the line");
      }
    }

    String string() {
      expect('"');
      int close = text.indexOf('"', at);
      if (close < 0) {
        throw wrong("a closing '\"'");
      }
      String s = text.substring(at, close);
      at = close + 1;
      return s;
    }

    long integer(String key) {
      skipSpaces();
      int start = at;
      if (at < text.length() && text.charAt(at) == '-') {
        at++;
      }
      while (at < text.length() && Character.isDigit(text.charAt(at))) {
        at++;
      }
      if (at == start || (at == start + 1 && text.charAt(start) == '-') || at - start > 18) {
        at = start;
        throw wrong("a whole number for " + key);
      }
      return Long.parseLong(text.substring(start, at));
    }

    int[] integers(String key) {
      expect('[');
      skipSpaces();
      int[] values = new int[16];
      int n = 0;
      if (at < text.length() && text.charAt(at) == ']') {
        at++;
        return new int[0];
      }
      do {
        long v = integer(key);
        if (v < 0 || v > Integer.MAX_VALUE) {
          throw new TraceException(0, key + " holds " + v + "; hashes are 0 to 2^31-1");
        }
        if (n == values.length) {
          values = Arrays.copyOf(values, 2 * n);
        }
        values[n++] = (int) v;
      } while (comma());
      expect(']');
      return Arrays.copyOf(values, n);
    }
  }
}
