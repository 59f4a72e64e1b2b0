package org.supernodesim.scenario.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Pekko configuration of one node: {@code cluster.conf} under the address it binds, the seed
 * node it joins (the coordinator) and, when given, TLS. JVM options ({@code -Dpekko.x=y}) override
 * the file, so a deployment can tune timeouts without a rebuild; the command line's own settings
 * override both.
 */
final class NodeConfig {
  static final String SYSTEM_NAME = "supernode-sim";
  static final String POINT_DISPATCHER = "supernode-sim.point-dispatcher";

  private NodeConfig() {}

  /**
   * @param bind this node's address (the coordinator's is also the seed)
   * @param seed the coordinator's address
   * @param tls TLS stores, or none for plain TCP
   * @param pointThreads threads that run points on this node (at least 1)
   */
  static Config of(NodeAddress bind, NodeAddress seed, Optional<TlsStores> tls, int pointThreads) {
    Map<String, Object> own = new HashMap<>();
    own.put("pekko.remote.artery.canonical.hostname", bind.host());
    own.put("pekko.remote.artery.canonical.port", bind.port());
    own.put("pekko.cluster.seed-nodes", List.of(address(seed)));
    own.put(POINT_DISPATCHER + ".thread-pool-executor.fixed-pool-size", Math.max(1, pointThreads));
    tls.ifPresent(
        t -> {
          String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
          own.put("pekko.remote.artery.transport", "tls-tcp");
          own.put(engine + "key-store", t.keyStore().toString());
          own.put(engine + "trust-store", t.trustStore().toString());
          own.put(engine + "key-store-password", t.keyStorePassword());
          own.put(engine + "key-password", t.keyPassword());
          own.put(engine + "trust-store-password", t.trustStorePassword());
          own.put(engine + "require-mutual-authentication", "on");
        });
    Config file = ConfigFactory.parseResources(NodeConfig.class, "cluster.conf");
    return ConfigFactory.parseMap(own)
        .withFallback(ConfigFactory.systemProperties())
        .withFallback(file)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  /** The Pekko address of a node: {@code pekko://supernode-sim@host:port}. */
  static String address(NodeAddress node) {
    return "pekko://" + SYSTEM_NAME + "@" + node;
  }
}
