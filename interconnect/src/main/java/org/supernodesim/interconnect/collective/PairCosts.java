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

  /** Latency plus serialisation of {@code bytes} from {@code a} to {@code b}. */
  default long transferPicos(int a, int b, long bytes) {
    return latencyPicos(a, b) + LinkSpec.serializationPicos(bytes, bytesPerSecond(a, b));
  }
}
