package io.funit.deploy.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay holds every chunk at least the delay in its file, keeps the bytes in order, and follows the file. */
class DelayProxyTest {
  private static final int DELAY_MILLIS = 150;

  /** Echoes every byte back on each connection. */
  private static ServerSocket echoServer() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          Thread echo = new Thread(() -> {
            try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
              in.transferTo(out);
            } catch (IOException e) {
              // the client went away
            }
          });
          echo.setDaemon(true);
          echo.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    thread.setDaemon(true);
    thread.start();
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static long roundTripMillis(Socket socket, byte[] message) throws IOException {
    long start = System.nanoTime();
    socket.getOutputStream().write(message);
    socket.getOutputStream().flush();
    byte[] back = new byte[message.length];
    new DataInputStream(socket.getInputStream()).readFully(back);
    assertThat(back).isEqualTo(message);
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void delaysEachWayKeepsTheBytesAndFollowsItsFile(@TempDir Path dir) throws Exception {
    Path delayFile = dir.resolve("delay-ms");
    Files.writeString(delayFile, Integer.toString(DELAY_MILLIS));
    int port = freePort();
    try (ServerSocket echo = echoServer();
        DelayProxy proxy = DelayProxy.start("127.0.0.1", List.of(new DelayProxy.Route(port, "127.0.0.1",
            echo.getLocalPort())), InetAddress.getLoopbackAddress(), delayFile);
        Socket client = new Socket("127.0.0.1", port)) {
      byte[] message = new byte[256 << 10];
      new Random(3).nextBytes(message);
      // there and back: the delay twice, at least
      assertThat(roundTripMillis(client, message)).isGreaterThanOrEqualTo(2L * DELAY_MILLIS);

      Path next = dir.resolve("delay-ms.next");
      Files.writeString(next, "0");
      Files.move(next, delayFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.delayMillis() == 0); // read once a second
      assertThat(roundTripMillis(client, new byte[] {1, 2, 3})).isLessThan(2L * DELAY_MILLIS);
    }
  }
}
