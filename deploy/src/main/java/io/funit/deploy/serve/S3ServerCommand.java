package io.funit.deploy.serve;

import io.funit.common.config.S3Settings;
import io.funit.common.embedded.EmbeddedS3;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./funit serve s3}: S3Proxy on one address, each object a file under a directory. */
@Command(name = "s3", mixinStandardHelpOptions = true,
    description = "An S3 server (S3Proxy) listening on --host, each object a file under --dir.")
public final class S3ServerCommand implements Callable<Integer> {
  @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE}", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--port", description = "Port. Default: ${DEFAULT-VALUE}", defaultValue = "9000")
  int port;

  @Option(names = "--dir", required = true, description = "Directory holding the buckets.")
  Path dir;

  @Option(names = "--access-key", description = "Access key; the secret key is the same. Default: the embedded "
      + "stack's.")
  String accessKey = S3Settings.DEFAULT_KEY;

  @Override
  public Integer call() throws Exception {
    EmbeddedS3 s3 = EmbeddedS3.start(dir.toAbsolutePath(), host, port, accessKey, accessKey);
    ServeCommand.runUntilShutdown(s3, "S3 on " + s3.endpoint());
    return 0;
  }
}
