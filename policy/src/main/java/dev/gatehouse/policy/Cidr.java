package dev.gatehouse.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An IPv4 or IPv6 CIDR block; a bare address is /32 or /128 (spec: operators, IP address). */
final class Cidr {
  private final byte[] network;
  private final int prefix;

  private Cidr(byte[] network, int prefix) {
    this.network = network;
    this.prefix = prefix;
  }

  static Optional<Cidr> parse(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    Optional<byte[]> bytes = address(address);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    int bits = bytes.get().length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = text.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
      if (prefix > bits) {
        return Optional.empty();
      }
    }
    return Optional.of(new Cidr(bytes.get(), prefix));
  }

  /** A literal IPv4 or IPv6 address; never a host name lookup. */
  static Optional<byte[]> address(String s) {
    if (s.isEmpty()) {
      return Optional.empty();
    }
    boolean v6 = s.indexOf(':') >= 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || c == '.'
              || (v6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!ok) {
        return Optional.empty();
      }
    }
    if (!v6) {
      String[] parts = s.split("\\.", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      byte[] out = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].isEmpty() || parts[i].length() > 3) {
          return Optional.empty();
        }
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          return Optional.empty();
        }
        out[i] = (byte) v;
      }
      return Optional.of(out);
    }
    try {
      byte[] b = InetAddress.getByName(s).getAddress();
      return Optional.of(b);
    } catch (UnknownHostException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (address[full] & mask) == (network[full] & mask);
  }
}
