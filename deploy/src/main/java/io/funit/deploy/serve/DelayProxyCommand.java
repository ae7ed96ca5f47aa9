package io.funit.deploy.serve;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funit serve delay-proxy}: added latency on the connections sent through it (see {@link DelayProxy}). */
@Command(name = "delay-proxy", mixinStandardHelpOptions = true,
    description = "A TCP relay that delays every chunk by the milliseconds in --delay-file (read once a second), "
        + "each way: added latency for the chaos lab on kernels without netem.")
public final class DelayProxyCommand implements Callable<Integer> {
  @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE}", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--route", required = true, description = "LISTEN_PORT=HOST:PORT, repeatable.")
  List<String> routes;

  @Option(names = "--source", required = true, description = "Address the relayed connections leave from.")
  String source;

  @Option(names = "--delay-file", required = true, description = "File holding the delay in milliseconds.")
  Path delayFile;

  @Override
  public Integer call() throws Exception {
    DelayProxy proxy = DelayProxy.start(host, routes.stream().map(DelayProxy.Route::parse).toList(),
        InetAddress.getByName(source), delayFile);
    ServeCommand.runUntilShutdown(proxy, "delay proxy on " + host + " for " + routes + " (" + proxy.delayMillis()
        + " ms now)");
    return 0;
  }
}
