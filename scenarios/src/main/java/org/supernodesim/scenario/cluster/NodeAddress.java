package org.supernodesim.scenario.cluster;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a node of a cluster sweep listens, as {@code --bind} and {@code --join} write it: {@code
 * HOST:PORT}, {@code [IPv6]:PORT}. Other machines reach the node at exactly this host, so it must
 * be an address they can use: the wildcard {@code 0.0.0.0} is refused.
 *
 * @param host a host name or address, as the other nodes will name this one
 * @param port 0 to 65535; 0 takes any free port (a worker's default)
 */
public record NodeAddress(String host, int port) {
  /** The coordinator's default: loopback, Pekko's usual port. */
  public static final NodeAddress COORDINATOR_DEFAULT = new NodeAddress("127.0.0.1", 25520);

  /** A worker's default: loopback, any free port. */
  public static final NodeAddress WORKER_DEFAULT = new NodeAddress("127.0.0.1", 0);

  private static final Pattern FORM =
      Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^:\\[\\]]+):(\\d{1,5})");

  public NodeAddress {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not in 0..65535");
    }
    if (host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::")) {
      throw new IllegalArgumentException(
          host + " is every interface, but the other nodes must be told one address: name the"
              + " address they reach this machine at, e.g. 10.0.0.5:25520");
    }
  }

  /** Reads {@code HOST:PORT}; the message of the exception says what to write instead. */
  public static NodeAddress parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not HOST:PORT; write e.g. 127.0.0.1:25520 or [::1]:25520");
    }
    String host = m.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return new NodeAddress(host, Integer.parseInt(m.group(2)));
  }

  /** True for 127.0.0.0/8, ::1 and localhost: only this machine can reach the node. */
  public boolean loopback() {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
