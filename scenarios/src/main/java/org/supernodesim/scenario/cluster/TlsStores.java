package org.supernodesim.scenario.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Artery TLS for a cluster sweep: every connection between nodes is TLS 1.3 with mutual
 * authentication, so only a node holding a key its peers trust can join. The stores are PKCS12 or
 * JKS files; their passwords come from the environment, never the command line (which other users
 * of the machine can read in the process list).
 *
 * @param keyStore this node's key and certificate
 * @param trustStore the certificates (or their CA) of the nodes this one accepts
 * @param keyStorePassword from {@code SUPERNODE_SIM_KEY_STORE_PASSWORD}
 * @param keyPassword from {@code SUPERNODE_SIM_KEY_PASSWORD}, else the key store's
 * @param trustStorePassword from {@code SUPERNODE_SIM_TRUST_STORE_PASSWORD}
 */
public record TlsStores(
    Path keyStore, Path trustStore, String keyStorePassword, String keyPassword,
    String trustStorePassword) {
  static final String KEY_STORE_PASSWORD = "SUPERNODE_SIM_KEY_STORE_PASSWORD";
  static final String KEY_PASSWORD = "SUPERNODE_SIM_KEY_PASSWORD";
  static final String TRUST_STORE_PASSWORD = "SUPERNODE_SIM_TRUST_STORE_PASSWORD";

  /**
   * The stores named on the command line with their passwords from {@code env}.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  public static TlsStores of(Path keyStore, Path trustStore, Map<String, String> env) {
    if (keyStore == null || trustStore == null) {
      throw new IllegalArgumentException(
          "TLS needs both --tls-key-store and --tls-trust-store (" + (keyStore == null
              ? "--tls-key-store" : "--tls-trust-store") + " is missing)");
    }
    for (Path p : new Path[] {keyStore, trustStore}) {
      if (!Files.isReadable(p)) {
        throw new IllegalArgumentException("cannot read the TLS store " + p);
      }
    }
    String keyStorePassword = required(env, KEY_STORE_PASSWORD);
    String trustStorePassword = required(env, TRUST_STORE_PASSWORD);
    String keyPassword = env.getOrDefault(KEY_PASSWORD, keyStorePassword);
    return new TlsStores(
        keyStore.toAbsolutePath(), trustStore.toAbsolutePath(), keyStorePassword, keyPassword,
        trustStorePassword);
  }

  private static String required(Map<String, String> env, String name) {
    String v = env.get(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("TLS needs the environment variable " + name);
    }
    return v;
  }

  @Override
  public String toString() {
    return "TlsStores[" + keyStore + ", " + trustStore + "]"; // never the passwords
  }
}
