package org.supernodesim.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CatalogResourcesTest {
  private static final String ROOT = "org/supernodesim/model/catalog/";

  @Test
  void theIndexListsEveryResourceFile() throws IOException, URISyntaxException {
    // A jar cannot list a folder, so index.txt is the loader's only way in: a file missing from
    // it would silently never load. Here the resources are a folder, which can be listed.
    Path root = Path.of(getClass().getClassLoader().getResource(ROOT + "index.txt").toURI())
        .getParent();
    List<String> onDisk;
    try (Stream<Path> files = Files.walk(root)) {
      onDisk = files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          // The package folder also holds the compiled records: only data files count.
          .filter(p -> !p.endsWith(".class"))
          .filter(p -> !p.equals("index.txt") && !p.equals("PROVENANCE.md"))
          .sorted()
          .collect(Collectors.toList());
    }
    List<String> indexed;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(ROOT + "index.txt")) {
      indexed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .sorted()
          .collect(Collectors.toList());
    }
    assertEquals(onDisk, indexed);
  }
}
