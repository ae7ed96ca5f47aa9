package io.funit.deploy.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts on one machine: each a Linux network namespace with a single address on a private subnet, joined by veth
 * pairs to a bridge that lives in a namespace of its own, so the machine's own network is never touched. A fault
 * acts on one host's link: down (a partition), or packets dropped at random (nftables, in the host).
 *
 * <p>Everything the lab makes is named {@code funitc-*}: {@link #removeLeftovers()} kills every process in such a
 * namespace and deletes it, which a new lab does first, {@link #close()} does last, and a {@link Reaper} does when
 * the process that made the lab dies without closing it (SIGKILL).
 */
final class NetworkLab implements AutoCloseable {
  static final String PREFIX = "funitc-";
  static final String SUBNET = "10.77.0.";
  private static final String SWITCH = PREFIX + "switch";
  private static final String BRIDGE = "br0";
  private static final String REDIRECT_TABLE = "funitc_redirect";
  private static final String CHAOS_TABLE = "funit_chaos";

  private final Map<String, Host> hosts;

  private NetworkLab(Map<String, Host> hosts) {
    this.hosts = hosts;
  }

  /** Makes one host per name, numbered in order from {@code 10.77.0.10}, after removing any earlier lab's. */
  static NetworkLab create(List<String> names) {
    requireTools();
    removeLeftovers();
    NetworkLab lab = attach(names);
    Shell.run("ip", "netns", "add", SWITCH);
    Shell.run("ip", "-n", SWITCH, "link", "set", "lo", "up");
    Shell.run("ip", "-n", SWITCH, "link", "add", BRIDGE, "type", "bridge");
    Shell.run("ip", "-n", SWITCH, "link", "set", BRIDGE, "up");
    for (Host host : lab.hosts()) {
      String namespace = host.namespace();
      Shell.run("ip", "netns", "add", namespace);
      Shell.run("ip", "-n", namespace, "link", "set", "lo", "up");
      Shell.run("ip", "link", "add", "eth0", "netns", namespace, "type", "veth", "peer", "name", host.switchPort(),
          "netns", SWITCH);
      Shell.run("ip", "-n", namespace, "addr", "add", host.address() + "/24", "dev", "eth0");
      Shell.run("ip", "-n", namespace, "link", "set", "eth0", "up");
      Shell.run("ip", "-n", SWITCH, "link", "set", host.switchPort(), "master", BRIDGE);
      Shell.run("ip", "-n", SWITCH, "link", "set", host.switchPort(), "up");
    }
    return lab;
  }

  /** The lab {@link #create} made from the same names, seen from a process inside it (nothing is made). */
  static NetworkLab attach(List<String> names) {
    Map<String, Host> hosts = new LinkedHashMap<>();
    int number = 10;
    for (String name : names) {
      hosts.put(name, new Host(name, PREFIX + name, SUBNET + number, "sw" + number));
      number++;
    }
    return new NetworkLab(hosts);
  }

  private static void requireTools() {
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("the fault-injection lab needs root (network namespaces); run it as root");
    }
    for (String tool : List.of("ip", "nft")) {
      if (Shell.attempt("which", tool).exitCode() != 0) {
        throw new IllegalStateException("`" + tool + "` is missing: apt-get install iproute2 nftables");
      }
    }
  }

  Host host(String name) {
    Host host = hosts.get(name);
    if (host == null) {
      throw new IllegalArgumentException("no host " + name + "; hosts: " + hosts.keySet());
    }
    return host;
  }

  List<Host> hosts() {
    return List.copyOf(hosts.values());
  }

  /** Cuts the host off: its link goes down at the switch, so every packet to and from it is lost. */
  void partition(Host host) {
    Shell.run("ip", "-n", SWITCH, "link", "set", host.switchPort(), "down");
  }

  void heal(Host host) {
    Shell.run("ip", "-n", SWITCH, "link", "set", host.switchPort(), "up");
  }

  /** Drops {@code percent} % of the host's packets at random, both ways (nftables in the host's namespace). */
  void dropPackets(Host host, int percent) {
    String ns = host.namespace();
    Shell.run("ip", "netns", "exec", ns, "nft", "add", "table", "inet", CHAOS_TABLE);
    for (String hook : List.of("input", "output")) {
      Shell.run("ip", "netns", "exec", ns, "nft", "add", "chain", "inet", CHAOS_TABLE, hook,
          "{ type filter hook " + hook + " priority 0; }");
      // only the link: loopback inside the host stays whole
      Shell.run("ip", "netns", "exec", ns, "nft", "add", "rule", "inet", CHAOS_TABLE, hook,
          (hook.equals("input") ? "iifname" : "oifname"), "eth0", "numgen", "random", "mod", "100", "<",
          Integer.toString(percent), "drop");
    }
  }

  /** Removes what {@link #dropPackets} added. */
  void restore(Host host) {
    Shell.attempt("ip", "netns", "exec", host.namespace(), "nft", "delete", "table", "inet", CHAOS_TABLE);
  }

  /**
   * Sends the host's new TCP connections to {@code address:port} to {@code localPort} on its loopback instead (a
   * delaying relay listens there), except those that leave from {@code exempt}, the relay's own address: it is
   * added to the host's link for this.
   */
  void redirect(Host host, String exempt, Map<String, Integer> targetsToLocalPorts) {
    String ns = host.namespace();
    removeRedirect(host, exempt); // whatever an interrupted run left
    Shell.run("ip", "netns", "exec", ns, "ip", "addr", "replace", exempt + "/24", "dev", "eth0");
    Shell.run("ip", "netns", "exec", ns, "nft", "add", "table", "ip", REDIRECT_TABLE);
    Shell.run("ip", "netns", "exec", ns, "nft", "add", "chain", "ip", REDIRECT_TABLE, "output",
        "{ type nat hook output priority -100; }");
    targetsToLocalPorts.forEach((target, localPort) -> {
      String[] addressAndPort = target.split(":");
      Shell.run("ip", "netns", "exec", ns, "nft", "add", "rule", "ip", REDIRECT_TABLE, "output", "ip", "saddr", "!=",
          exempt, "ip", "daddr", addressAndPort[0], "tcp", "dport", addressAndPort[1], "redirect", "to",
          ":" + localPort);
    });
  }

  /** Removes what {@link #redirect} added. */
  void removeRedirect(Host host, String exempt) {
    Shell.attempt("ip", "netns", "exec", host.namespace(), "nft", "delete", "table", "ip", REDIRECT_TABLE);
    Shell.attempt("ip", "netns", "exec", host.namespace(), "ip", "addr", "del", exempt + "/24", "dev", "eth0");
  }

  /** SIGKILL to every process in the host: a preempted node. Returns how many there were. */
  int killAll(Host host) {
    List<String> pids = pids(host.namespace());
    if (!pids.isEmpty()) {
      List<String> command = new ArrayList<>(List.of("kill", "-9"));
      command.addAll(pids);
      Shell.attempt(command.toArray(String[]::new));
    }
    return pids.size();
  }

  private static List<String> pids(String namespace) {
    return Arrays.stream(Shell.attempt("ip", "netns", "pids", namespace).output().split("\\s+"))
        .filter(pid -> pid.matches("\\d+")).toList();
  }

  /** Kills every process in any {@code funitc-*} namespace and deletes the namespaces. */
  static void removeLeftovers() {
    List<String> namespaces = Arrays.stream(Shell.attempt("ip", "netns", "list").output().split("\n"))
        .map(line -> line.split("\\s+")[0]).filter(name -> name.startsWith(PREFIX)).toList();
    for (String namespace : namespaces) {
      List<String> pids = pids(namespace);
      if (!pids.isEmpty()) {
        List<String> command = new ArrayList<>(List.of("kill", "-9"));
        command.addAll(pids);
        Shell.attempt(command.toArray(String[]::new));
      }
    }
    for (String namespace : namespaces) {
      Shell.attempt("ip", "netns", "del", namespace);
    }
  }

  @Override
  public void close() {
    removeLeftovers();
  }

  /**
   * A host of the lab.
   *
   * @param name what the scenarios call it (kafka, s3, gateway-1, translate-1, ...)
   * @param namespace its network namespace
   * @param address its one address on the lab's subnet
   * @param switchPort its veth's other end, on the bridge
   */
  record Host(String name, String namespace, String address, String switchPort) {}
}
