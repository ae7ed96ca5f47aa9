package io.funit.gateway.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AddressGuardTest {
  private static String kind(String literal) throws Exception {
    return AddressGuard.restrictedKind(InetAddress.getByName(literal));
  }

  @Test
  void classifiesRestrictedRanges() throws Exception {
    assertThat(kind("127.0.0.1")).isEqualTo("loopback");
    assertThat(kind("::1")).isEqualTo("loopback");
    assertThat(kind("10.1.2.3")).isEqualTo("private");
    assertThat(kind("172.16.0.1")).isEqualTo("private");
    assertThat(kind("192.168.1.1")).isEqualTo("private");
    assertThat(kind("100.64.0.1")).isEqualTo("private");
    assertThat(kind("169.254.169.254")).isEqualTo("link-local");
    assertThat(kind("fe80::1")).isEqualTo("link-local");
    assertThat(kind("fd12:3456::1")).isEqualTo("unique-local");
    assertThat(kind("224.0.0.1")).isEqualTo("multicast");
    assertThat(kind("ff02::1")).isEqualTo("multicast");
    assertThat(kind("0.0.0.0")).isEqualTo("unspecified");
    assertThat(kind("::")).isEqualTo("unspecified");
    assertThat(kind("64:ff9b::7f00:1")).isEqualTo("loopback");
  }

  @Test
  void publicAddressesPass() throws Exception {
    assertThat(kind("93.184.216.34")).isNull();
    assertThat(kind("2606:4700::1111")).isNull();
    assertThat(kind("172.32.0.1")).isNull();
  }

  @Test
  void refusesPrivateTargetsUnlessAllowed() {
    assertThatThrownBy(() -> new AddressGuard(false).resolve(URI.create("http://127.0.0.1:9/x")))
        .isInstanceOf(AddressGuard.RefusedException.class).hasMessageContaining("loopback");
    assertThatThrownBy(() -> new AddressGuard(false).resolve(URI.create("http://[::ffff:10.0.0.1]/x")))
        .hasMessageContaining("private");
    assertThat(new AddressGuard(true).resolve(URI.create("http://127.0.0.1:9/x"))).isNotEmpty();
  }

  @Test
  void checksUrlSyntax() {
    assertThatThrownBy(() -> AddressGuard.parse("ftp://example.com/")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> AddressGuard.parse("https://user:pw@example.com/")).hasMessageContaining("credentials");
    assertThatThrownBy(() -> AddressGuard.parse("https:///path")).hasMessageContaining("host");
    assertThatThrownBy(() -> AddressGuard.parse("https://example.com/" + "a".repeat(2100)))
        .hasMessageContaining("longer");
    assertThat(AddressGuard.parse("https://example.com/hook?x=1").getHost()).isEqualTo("example.com");
  }
}
