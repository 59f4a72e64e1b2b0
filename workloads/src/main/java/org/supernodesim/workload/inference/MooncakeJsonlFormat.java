package org.supernodesim.workload.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The Mooncake traces (kvcache-ai/Mooncake, FAST'25 release): JSON Lines, one object per
 * request, e.g. {@code {"timestamp": 0, "input_length": 6758, "output_length": 500, "hash_ids":
 * [0, 1]}}: milliseconds from the trace's start, token counts, and one remapped prefix-block hash
 * per 512 prompt tokens (two requests share a prefix KV cache for as many leading blocks as their
 * lists agree on). Each line is parsed by Jackson; keys this reader does not use are ignored and
 * counted in the trace's description (a later release may add some), and {@code hash_ids} may be
 * absent (no prefix to share). A key given twice, trailing text or a value of the wrong type is a
 * bad row.
 */
final class MooncakeJsonlFormat implements RowFormat {
  static final int BLOCK_TOKENS = 512;
  static final String TIMESTAMP = "timestamp";
  static final String INPUT = "input_length";
  static final String OUTPUT = "output_length";
  static final String HASHES = "hash_ids";
  private static final List<String> KEYS = List.of(TIMESTAMP, INPUT, OUTPUT, HASHES);
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  @Override
  public TraceFormat format() {
    return TraceFormat.MOONCAKE;
  }

  @Override
  public RequestTrace read(String source, Reader in, boolean skipBadRows) {
    TraceAssembler out = new TraceAssembler(skipBadRows);
    BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
    try {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (!line.isBlank()) {
          String text = number == 1 ? CsvTable.withoutByteOrderMark(line) : line;
          out.row(number, () -> parse(text, out));
        }
      }
      return out.finish(source, BLOCK_TOKENS);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private static TraceAssembler.Row parse(String line, TraceAssembler out) {
    JsonNode row;
    try {
      row = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new TraceException(0, "not a JSON object: " + e.getOriginalMessage() + " (column "
          + (e.getLocation() == null ? "?" : e.getLocation().getColumnNr()) + ")");
    }
    if (row == null || !row.isObject()) {
      throw new TraceException(0, "not a JSON object; a Mooncake row is {\"timestamp\": ms,"
          + " \"input_length\": n, \"output_length\": n, \"hash_ids\": [...]}");
    }
    for (Map.Entry<String, JsonNode> field : row.properties()) {
      String key = field.getKey();
      if (!KEYS.contains(key)) {
        out.note("key \"" + key.replace("%", "%%") + "\" ignored in %,d rows");
      }
    }
    TraceValues.Arrival at = TraceValues.arrival(number(row, TIMESTAMP), TIMESTAMP, 1_000_000_000L);
    int prompt = TraceValues.tokens(number(row, INPUT), INPUT);
    int output = TraceValues.tokens(number(row, OUTPUT), OUTPUT);
    return new TraceAssembler.Row(at, prompt, output, hashes(row.get(HASHES), prompt));
  }

  private static String number(JsonNode row, String key) {
    JsonNode value = row.get(key);
    if (value == null) {
      throw new TraceException(0, key, "missing; keys used: " + String.join(", ", KEYS));
    }
    if (!value.isNumber()) {
      throw new TraceException(0, key, value + " is not a number");
    }
    return value.asText();
  }

  private static int[] hashes(JsonNode value, int prompt) {
    if (value == null) {
      return new int[0];
    }
    if (!value.isArray()) {
      throw new TraceException(0, HASHES, value + " is not a list of block hashes");
    }
    int blocks = (prompt + BLOCK_TOKENS - 1) / BLOCK_TOKENS;
    if (value.size() > blocks) {
      throw new TraceException(0, HASHES, value.size() + " hashes for " + prompt + " tokens; at"
          + " most " + blocks + " blocks of " + BLOCK_TOKENS);
    }
    int[] out = new int[value.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode h = value.get(i);
      if (!h.canConvertToInt() || !h.isIntegralNumber() || h.intValue() < 0) {
        throw new TraceException(0, HASHES, h + " is not a hash from 0 to 2^31-1");
      }
      out[i] = h.intValue();
    }
    return out;
  }
}
