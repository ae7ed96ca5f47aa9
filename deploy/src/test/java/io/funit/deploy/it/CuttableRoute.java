package io.funit.deploy.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP route on 127.0.0.1 to a real server that a test can cut and heal: while cut, every open connection is
 * reset and new ones are closed at once, so the client sees what a lost route to its server looks like (refused,
 * reset) while the server itself keeps running for everyone else.
 */
final class CuttableRoute implements AutoCloseable {
  private final ServerSocket listener;
  private final String host;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;

  CuttableRoute(String host, int port) throws IOException {
    this.host = host;
    this.port = port;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("route-accept", this::accept);
  }

  /** The port to connect to instead of the server's. */
  int port() {
    return listener.getLocalPort();
  }

  void cut() {
    cut = true;
    open.forEach(CuttableRoute::closeQuietly);
    open.clear();
  }

  void heal() {
    cut = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (cut) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket();
        server.connect(new InetSocketAddress(host, port), 5_000);
        open.add(client);
        open.add(server);
        daemon("route-up", () -> pipe(client, server));
        daemon("route-down", () -> pipe(server, client));
      } catch (IOException e) {
        // the listener closed, or the server refused this one connection: its client sees it closed
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[64 << 10];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side ended or was cut: both go
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    listener.close();
  }
}
