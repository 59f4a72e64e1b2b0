package org.supernodesim.scenario.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.supernodesim.scenario.cluster.NodeAddress;
import org.supernodesim.scenario.cluster.TlsStores;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options every node of a cluster sweep takes: its address and TLS. */
final class ClusterOptions {
  @Option(
      names = "--bind",
      paramLabel = "HOST:PORT",
      converter = AddressConverter.class,
      description =
          "The address this node listens on and the other nodes reach it at (default: loopback,"
              + " 127.0.0.1; port 25520 for the coordinator, any free port for a worker). Name an"
              + " address of this machine that the others can reach to work across machines.")
  NodeAddress bind;

  @Option(
      names = "--tls-key-store",
      paramLabel = "FILE",
      description =
          "Artery TLS: this node's key and certificate (PKCS12 or JKS); its password in"
              + " SUPERNODE_SIM_KEY_STORE_PASSWORD (the key's in SUPERNODE_SIM_KEY_PASSWORD if it"
              + " differs). Every node then needs TLS, with mutual authentication.")
  Path keyStore;

  @Option(
      names = "--tls-trust-store",
      paramLabel = "FILE",
      description =
          "Artery TLS: the certificates this node trusts; its password in"
              + " SUPERNODE_SIM_TRUST_STORE_PASSWORD.")
  Path trustStore;

  Optional<TlsStores> tls() {
    if (keyStore == null && trustStore == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TlsStores.of(keyStore, trustStore, System.getenv()));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), e.getMessage());
    }
  }

  NodeAddress bindOr(NodeAddress fallback) {
    return bind != null ? bind : fallback;
  }

  /** Reads HOST:PORT, the mistake named in picocli's usual one-line error. */
  static final class AddressConverter implements ITypeConverter<NodeAddress> {
    @Override
    public NodeAddress convert(String value) {
      try {
        return NodeAddress.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
