package org.supernodesim.scenario.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The shipped catalog's YAML files (catalog and calibrations), also as JSON made at build time:
 * Jackson reads JSON about twice as fast as YAML, and a run reads the prices, its chip's file and
 * its calibration. The YAML stays the source: the JSON of {@code prices.yaml} is named {@code
 * prices.yaml.<CRC-32 of the YAML's bytes>.json}, so it is read only when it was made from the very
 * bytes on the class path; otherwise (a file edited since, a file that would not convert) the YAML
 * is read, and its errors name its line. Numbers keep their text ({@code 1.10} stays {@code 1.10},
 * which a field of type String reads as such; a leading {@code +} is dropped), and a number JSON
 * cannot spell ({@code 0x10}, {@code 1_000}) leaves the file to its YAML. A test binds every
 * shipped file from both and finds the records equal.
 */
public final class CatalogJson {
  /**
   * Databind's reader of the twins, for what {@link TwinReader} leaves to it; built on first use.
   * Configured as the YAML readers are; one for every file, so each deserializer is built once.
   */
  static final class Databind {
    static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Databind() {}
  }

  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  /** The folders, relative to a resource root, whose YAML files get a JSON twin. */
  static final List<String> FOLDERS = List.of(Catalog.ROOT, Calibrations.ROOT);

  private CatalogJson() {}

  /** The class-path name of the JSON made from YAML resource {@code yamlResource} of bytes {@code yaml}. */
  static String name(String yamlResource, byte[] yaml) {
    CRC32 crc = new CRC32();
    crc.update(yaml);
    return yamlResource + "." + String.format(Locale.ROOT, "%08x", crc.getValue()) + ".json";
  }

  /**
   * The JSON made from YAML resource {@code yamlResource} of bytes {@code yaml}, or null when none
   * on the class path was made from these bytes.
   */
  static InputStream open(ClassLoader loader, String yamlResource, byte[] yaml) {
    return loader.getResourceAsStream(name(yamlResource, yaml));
  }

  /**
   * {@code yamlResource} of bytes {@code yaml} bound from its JSON twin, or null when it has none
   * or the twin does not bind: the caller then reads the YAML, whose error names the line.
   */
  static <T> T read(ClassLoader loader, String yamlResource, byte[] yaml, Class<T> type)
      throws IOException {
    try (InputStream json = open(loader, yamlResource, yaml)) {
      if (json == null) {
        return null;
      }
      byte[] text = json.readAllBytes();
      T fast = TwinReader.read(text, type);
      return fast != null ? fast : Databind.MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static boolean isTwin(Path p) {
    return p.getFileName().toString().matches(".*\\.yaml\\.[0-9a-f]{8}\\.json");
  }

  /** The JSON text of a YAML document, token by token, numbers as written. */
  static byte[] convert(byte[] yaml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(yaml.length);
    // Made here, not once: a run only reads, and needs neither.
    try (JsonParser p = new YAMLFactory().createParser(yaml);
        JsonGenerator g = new JsonFactory().createGenerator(out)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          String text = p.getText();
          // YAML's "+0.01" is JSON's 0.01 (a test binds every shipped file both ways)
          text = text.startsWith("+") ? text.substring(1) : text;
          if (!JSON_NUMBER.matcher(text).matches()) {
            throw new IOException("number " + text + " has no JSON spelling");
          }
          g.writeNumber(text);
        } else if (t == JsonToken.VALUE_EMBEDDED_OBJECT) {
          throw new IOException("a tagged value has no JSON spelling");
        } else {
          g.copyCurrentEvent(p);
        }
      }
    }
    return out.toByteArray();
  }

  /**
   * Writes the JSON twin of every YAML file in {@link #FOLDERS} (run at build time, in the
   * scenarios module's process-classes phase). A file that does not convert is left to its YAML,
   * with a line on standard error.
   *
   * @param args the resource root to read (cluster-model's) and the one to write (the classes)
   */
  public static void main(String[] args) throws IOException {
    Path from = Path.of(args[0]);
    Path to = Path.of(args[1]);
    for (String folder : FOLDERS) {
      Path out = to.resolve(folder);
      Files.createDirectories(out);
      try (Stream<Path> old = Files.walk(out)) {
        for (Path p : old.filter(CatalogJson::isTwin).toList()) {
          Files.delete(p);
        }
      }
      List<Path> sources;
      try (Stream<Path> files = Files.walk(from.resolve(folder))) {
        sources = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      }
      for (Path source : sources) {
        String resource = from.relativize(source).toString().replace('\\', '/');
        byte[] yaml = Files.readAllBytes(source);
        try {
          byte[] json = convert(yaml);
          Path target = to.resolve(name(resource, yaml));
          Files.createDirectories(target.getParent());
          Files.write(target, json);
        } catch (IOException e) {
          System.err.println("catalog JSON: " + resource + " left to its YAML: " + e.getMessage());
        }
      }
    }
  }
}
