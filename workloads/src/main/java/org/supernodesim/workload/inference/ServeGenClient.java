package org.supernodesim.workload.inference;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One ServeGen client (alibaba/ServeGen; Xiang et al., "ServeGen", NSDI 2026): the published
 * per-client statistics of Alibaba Cloud Model Studio traffic, not per-request rows, sampled into
 * requests with the scenario's seed. Arrivals come from its windows ({@link ServeGenWindows}:
 * rate and gap distribution per 600 s), lengths from its dataset ({@link ServeGenDataset}:
 * length distributions every 6 hours).
 *
 * <p>Deterministic: each window draws from its own split of the seed's generator, in file order,
 * so a window's requests are the same whatever span is asked, and one seed gives one trace.
 */
public final class ServeGenClient {
  private final List<ServeGenWindows.Window> windows;
  private final ServeGenDataset dataset;

  private ServeGenClient(List<ServeGenWindows.Window> windows, ServeGenDataset dataset) {
    this.windows = windows;
    this.dataset = dataset;
  }

  /** A client's windows, read from its first file, waiting for its dataset. */
  public static final class Windows {
    private final List<ServeGenWindows.Window> windows;

    private Windows(List<ServeGenWindows.Window> windows) {
      this.windows = windows;
    }
  }

  /**
   * Reads a client's {@code chunk-<n>-trace.csv}.
   *
   * @throws TraceException for a bad line, located
   */
  public static Windows windows(Reader csv) {
    return new Windows(ServeGenWindows.read(csv));
  }

  /**
   * The client of {@code windows} and its {@code chunk-<n>-dataset.json}.
   *
   * @throws TraceException for a bad window or field of the dataset, located
   */
  public static ServeGenClient of(Windows windows, Reader datasetJson) {
    return new ServeGenClient(windows.windows, ServeGenDataset.read(datasetJson));
  }

  /** Seconds of data from the first window's start to the last window's end. */
  public long spanSeconds() {
    return windows.get(windows.size() - 1).startSeconds() + ServeGenWindows.WINDOW_SECONDS
        - windows.get(0).startSeconds();
  }

  /**
   * The requests arriving in [fromPicos, toPicos) of the data's clock (0 is midnight of its first
   * day), with their times on that clock.
   *
   * @param source names the client in the result (its file name)
   * @param seed the scenario's seed
   * @throws IllegalArgumentException if no request arrives in the span
   */
  public RequestTrace sample(String source, long fromPicos, long toPicos, long seed) {
    if (toPicos <= fromPicos) {
      throw new IllegalArgumentException("an empty span to sample: " + fromPicos + " to "
          + toPicos + " ps");
    }
    SplittableRandom root = new SplittableRandom(seed);
    List<Request> requests = new ArrayList<>();
    int raised = 0;
    for (ServeGenWindows.Window w : windows) {
      SplittableRandom random = root.split(); // one per window, asked or not
      if (w.endPicos() <= fromPicos || w.startPicos() >= toPicos) {
        continue;
      }
      for (long at : w.arrivals(random)) {
        int[] lengths = dataset.sample(w.startSeconds(), random); // drawn for every arrival
        if (at >= fromPicos && at < toPicos) {
          // A request needs a token each way; a distribution holding 0 is raised and counted.
          raised += lengths[0] < 1 || lengths[1] < 1 ? 1 : 0;
          requests.add(new Request(requests.size(), at, Math.max(1, lengths[0]),
              Math.max(1, lengths[1]), null));
        }
      }
    }
    if (requests.isEmpty()) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "no request arrives from"
          + " %.1f s to %.1f s of the client's %d s of data", fromPicos / 1e12, toPicos / 1e12,
          spanSeconds()));
    }
    return new RequestTrace(String.format(Locale.ROOT, "%s (servegen%s, sampled with seed %d%s)",
        source, dataset.multimodal() ? " multimodal" : "", seed,
        raised == 0 ? "" : String.format(Locale.ROOT, "; %,d lengths of 0 tokens raised to 1",
            raised)), requests, 0, 0);
  }
}
