package org.supernodesim.scenario.cli;

import org.supernodesim.model.units.Units;

/** Quantities as a person reads them: binary sizes, times in the largest fitting unit. */
final class Format {
  private Format() {}

  static String bytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1 && v % 1024 == 0) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.2f", v)) + " " + units[u];
  }

  static String picos(long picos) {
    double s = picos / Units.PICOS_PER_SECOND;
    if (s >= 1) {
      return String.format("%.3f s", s);
    }
    if (s >= 1e-3) {
      return String.format("%.3f ms", s * 1e3);
    }
    if (s >= 1e-6) {
      return String.format("%.3f us", s * 1e6);
    }
    return String.format("%.3f ns", s * 1e9);
  }
}
