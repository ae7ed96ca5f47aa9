package io.funit.gateway.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard: a webhook must not make the gateway call into its own network. Checked at submission and again
 * at every delivery after DNS resolution (a name may point elsewhere by then), and the delivery connects to the
 * very address checked here, so a rebinding DNS answer cannot slip past. The JDK classifies most ranges;
 * unique-local IPv6, carrier-grade NAT and the "this network" block are not covered by it and are checked here.
 */
public final class AddressGuard {
  static final int MAX_URL_LENGTH = 2048;
  private final boolean allowPrivate;

  public AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** A refused target; the message says why, for the client (400) or the delivery log. */
  public static final class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message, null, false, false);
    }
  }

  /** The URL's syntax: http(s), a host, no credentials, at most {@value #MAX_URL_LENGTH} characters. */
  public static URI parse(String url) {
    if (url == null || url.isBlank()) {
      throw new RefusedException("must be an http or https URL");
    }
    if (url.length() > MAX_URL_LENGTH) {
      throw new RefusedException("is longer than " + MAX_URL_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new RefusedException("is not a valid URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new RefusedException("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new RefusedException("has no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new RefusedException("must not carry credentials");
    }
    if (uri.getFragment() != null) {
      throw new RefusedException("must not have a fragment");
    }
    return uri;
  }

  /** Resolves the URL's host and returns its addresses, all allowed; else a {@link RefusedException}. Blocks. */
  public List<InetAddress> resolve(URI uri) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new RefusedException("host " + uri.getHost() + " does not resolve");
    }
    for (InetAddress address : addresses) {
      String kind = restrictedKind(address);
      if (kind != null && !allowPrivate) {
        throw new RefusedException("host " + uri.getHost() + " resolves to " + kind + " address "
            + address.getHostAddress() + " (set FUNIT_WEBHOOK_ALLOW_PRIVATE=true to allow)");
      }
    }
    return List.of(addresses);
  }

  /** Why an address is not on the public internet (e.g. "loopback"), or null when it is. */
  static String restrictedKind(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (address.isLoopbackAddress()) {
      return "loopback";
    }
    if (address.isLinkLocalAddress()) {
      return "link-local";
    }
    if (address.isSiteLocalAddress()) {
      return "private";
    }
    if (address.isMulticastAddress()) {
      return "multicast";
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return "unspecified";                    // 0.0.0.0/8, "this network"
      }
      if (first == 100 && second >= 64 && second < 128) {
        return "private";                        // 100.64.0.0/10, carrier-grade NAT
      }
      if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
        return "broadcast";
      }
      return null;
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "unique-local";                   // fc00::/7
      }
      if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return "private";                        // fec0::/10, the deprecated site-local block
      }
      if (isIpv4Translated(b)) {
        try {
          // ::ffff:a.b.c.d and 64:ff9b::a.b.c.d reach an IPv4 address: judge that one
          return restrictedKind(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          return "invalid";
        }
      }
    }
    return null;
  }

  private static boolean isIpv4Translated(byte[] b) {
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= b[i] == 0;
    }
    mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = b[i] == 0;
    }
    return mapped || nat64;
  }
}
