package org.supernodesim.workload.inference;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The length half of a ServeGen client ({@code chunk-<n>-dataset.json}): a JSON object keyed by
 * window start in seconds ("0", "21600", ... every 6 hours), each value mapping a field to a
 * Python dict literal of {@code value: probability}, e.g. {@code "{757: 0.0025, 758: 0.0126}"}
 * (keys unquoted, so not JSON: each is quoted and then read by Jackson). Language and reasoning
 * clients have {@code input_tokens} and {@code output_tokens} (reasoning also {@code
 * reason_ratio}, the output's share spent reasoning: already inside the output length, so not
 * used); multimodal clients have {@code text_tokens}, {@code output_tokens} and, per modality
 * (image, audio, video), a count per request and the tokens of one item.
 *
 * <p>Lengths are drawn by inverse CDF, each field from its own uniform draw: the data hold
 * marginal distributions only. (ServeGen's generator reuses one uniform for every field of a
 * request, which makes long prompts always come with long outputs; nothing in the data says they
 * do.) A multimodal prompt is its text plus each item's tokens, an item's tokens drawn per item.
 * Some windows hold {@code {}} (no data); a request takes the latest window at or before its
 * arrival that has data, else the first after it.
 */
final class ServeGenDataset {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();
  /** An unquoted key of a Python dict literal: after '{' or ',', a number, then ':'. */
  private static final Pattern UNQUOTED_KEY =
      Pattern.compile("([{,]\\s*)(-?[0-9][0-9.eE+-]*)\\s*:");
  private static final List<String> MODALITIES = List.of("image", "audio", "video");

  /** One field's distribution over whole numbers: values ascending, cumulative probabilities. */
  record Distribution(int[] values, double[] cumulative) {
    int sample(SplittableRandom random) {
      double u = random.nextDouble() * cumulative[cumulative.length - 1];
      int at = Arrays.binarySearch(cumulative, u);
      at = at >= 0 ? at + 1 : -at - 1; // the first cumulative probability above u
      return values[Math.min(at, values.length - 1)];
    }
  }

  /** One window's distributions by field; empty fields left out. */
  private record Lengths(Map<String, Distribution> fields) {
    boolean has(List<String> needed) {
      return fields.keySet().containsAll(needed);
    }
  }

  private final TreeMap<Long, Lengths> windows;
  private final boolean multimodal;
  private final List<String> needed;

  private ServeGenDataset(TreeMap<Long, Lengths> windows, boolean multimodal) {
    this.windows = windows;
    this.multimodal = multimodal;
    List<String> fields = new ArrayList<>(List.of(multimodal ? "text_tokens" : "input_tokens",
        "output_tokens"));
    if (multimodal) {
      MODALITIES.forEach(m -> fields.addAll(List.of(m + "_count", m + "_tokens")));
    }
    this.needed = List.copyOf(fields);
    if (windows.values().stream().noneMatch(w -> w.has(needed))) {
      throw new TraceException(1, "no window holds all of " + String.join(", ", needed));
    }
  }

  /**
   * Reads a dataset file.
   *
   * @throws TraceException locating a bad window or field
   */
  static ServeGenDataset read(Reader in) {
    TreeMap<Long, Lengths> windows = new TreeMap<>();
    boolean multimodal = false;
    try (JsonParser p = JSON.createParser(in)) {
      expect(p, JsonToken.START_OBJECT, "a JSON object of windows");
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String window = p.currentName();
        long start;
        try {
          start = Long.parseLong(window);
        } catch (NumberFormatException e) {
          throw new TraceException(line(p), "window \"" + window + "\" is not a start in seconds");
        }
        expect(p, JsonToken.START_OBJECT, "window " + window + ": an object of fields");
        Map<String, Distribution> fields = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          expect(p, JsonToken.VALUE_STRING, "window " + window + "." + field
              + ": a {value: probability} dict in a string");
          multimodal |= field.equals("text_tokens");
          if (!field.equals("reason_ratio")) {
            distribution(p.getText(), window + "." + field, line(p))
                .ifPresent(d -> fields.put(field, d));
          }
        }
        windows.put(start, new Lengths(fields));
      }
    } catch (JsonProcessingException e) {
      throw new TraceException(e.getLocation() == null ? 1 : e.getLocation().getLineNr(),
          "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServeGenDataset(windows, multimodal);
  }

  private static void expect(JsonParser p, JsonToken token, String what) throws IOException {
    if (p.nextToken() != token) {
      throw new TraceException(line(p), "expected " + what + ", found " + p.currentToken());
    }
  }

  private static int line(JsonParser p) {
    return Math.max(1, p.currentTokenLocation().getLineNr());
  }

  /** A request's prompt and output lengths drawn from the window covering {@code atSeconds}. */
  int[] sample(long atSeconds, SplittableRandom random) {
    Map<String, Distribution> f = covering(atSeconds).fields();
    int output = f.get("output_tokens").sample(random);
    long prompt;
    if (!multimodal) {
      prompt = f.get("input_tokens").sample(random);
    } else {
      prompt = f.get("text_tokens").sample(random);
      for (String m : MODALITIES) {
        int items = f.get(m + "_count").sample(random);
        for (int i = 0; i < items; i++) {
          prompt += f.get(m + "_tokens").sample(random);
        }
      }
    }
    return new int[] {(int) Math.min(prompt, Integer.MAX_VALUE), output};
  }

  boolean multimodal() {
    return multimodal;
  }

  private Lengths covering(long atSeconds) {
    for (Map.Entry<Long, Lengths> w = windows.floorEntry(atSeconds); w != null;
        w = windows.lowerEntry(w.getKey())) {
      if (w.getValue().has(needed)) {
        return w.getValue();
      }
    }
    for (Map.Entry<Long, Lengths> w = windows.higherEntry(atSeconds); w != null;
        w = windows.higherEntry(w.getKey())) {
      if (w.getValue().has(needed)) {
        return w.getValue();
      }
    }
    throw new IllegalStateException("checked on reading: some window has every field");
  }

  /** The distribution a dict literal holds; empty for {@code {}}. */
  private static java.util.Optional<Distribution> distribution(
      String literal, String where, int line) {
    JsonNode dict;
    try {
      dict = JSON.readTree(UNQUOTED_KEY.matcher(literal).replaceAll("$1\"$2\":"));
    } catch (JsonProcessingException e) {
      throw new TraceException(line, where + ": not a {value: probability} dict: "
          + e.getOriginalMessage());
    }
    if (dict == null || !dict.isObject()) {
      throw new TraceException(line, where + ": not a {value: probability} dict");
    }
    TreeMap<Integer, Double> byValue = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : dict.properties()) {
      int value;
      try {
        value = Integer.parseInt(e.getKey());
      } catch (NumberFormatException x) {
        throw new TraceException(line, where + ": " + e.getKey() + " is not a whole number");
      }
      double p = e.getValue().asDouble(-1);
      if (value < 0 || !e.getValue().isNumber() || !(p >= 0) || Double.isInfinite(p)) {
        throw new TraceException(line, where + ": " + e.getKey() + ": " + e.getValue()
            + "; values are whole numbers >= 0 with probabilities >= 0");
      }
      if (p > 0) { // a value of probability 0 is never drawn
        byValue.put(value, p);
      }
    }
    if (byValue.isEmpty()) {
      return java.util.Optional.empty();
    }
    int[] values = new int[byValue.size()];
    double[] cumulative = new double[byValue.size()];
    double sum = 0;
    int i = 0;
    for (Map.Entry<Integer, Double> e : byValue.entrySet()) {
      sum += e.getValue();
      values[i] = e.getKey();
      cumulative[i++] = sum;
    }
    return java.util.Optional.of(new Distribution(values, cumulative));
  }
}
