package org.supernodesim.interconnect.collective;

import org.supernodesim.model.fabric.LinkSpec;

/**
 * What one transfer between two members costs on an idle fabric, the input of the algorithms'
 * closed forms. Members are group indices.
 */
public interface PairCosts {

  /** The bandwidth of one transfer from member {@code a} to member {@code b}. */
  double bytesPerSecond(int a, int b);

  /** The latency of one transfer from member {@code a} to member {@code b}. */
  long latencyPicos(int a, int b);

  /**
   * The port a transfer from {@code a} to {@code b} leaves {@code a} on (the first link of its
   * route): transfers on one port serialise, transfers on different ports (NVLink and a NIC, the
   * links of a full mesh) run at once. Default: one port per member.
   */
  default int port(int a, int b) {
    return 0;
  }

  /** Latency plus serialisation of {@code bytes} from {@code a} to {@code b}. */
  default long transferPicos(int a, int b, long bytes) {
    return latencyPicos(a, b) + LinkSpec.serializationPicos(bytes, bytesPerSecond(a, b));
  }
}
