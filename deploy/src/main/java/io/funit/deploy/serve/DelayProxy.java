package io.funit.deploy.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay that holds every chunk it reads for a set delay before it writes it on, in order, each way: added
 * one-way latency on the connections routed through it, without netem (which this machine's kernel lacks). The
 * delay is read from a file once a second, so a fault can begin and end without cutting the connections. Outbound
 * connections leave from {@code source}, so that the redirect rules that send traffic here can exempt them.
 */
public final class DelayProxy implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int CHUNK_BYTES = 64 << 10;
  /** Up to 2 MiB held per direction of a connection. */
  private static final int QUEUED_CHUNKS = 32;

  /** Connections accepted on {@code listenPort} go to {@code host:port}. */
  public record Route(int listenPort, String host, int port) {
    /** {@code 19092=10.77.0.10:9092}. */
    public static Route parse(String spec) {
      String[] parts = spec.split("[=:]");
      if (parts.length != 3) {
        throw new IllegalArgumentException("a route is LISTEN_PORT=HOST:PORT, got '" + spec + "'");
      }
      return new Route(Integer.parseInt(parts[0]), parts[1], Integer.parseInt(parts[2]));
    }
  }

  private record Chunk(long releaseAtNanos, byte[] bytes) {}

  private static final Chunk END = new Chunk(0, new byte[0]);

  private final List<ServerSocket> listeners = new ArrayList<>();
  private final InetAddress source;
  private final Path delayFile;
  private volatile long delayNanos;
  private volatile boolean running = true;

  private DelayProxy(InetAddress source, Path delayFile) {
    this.source = source;
    this.delayFile = delayFile;
  }

  public static DelayProxy start(String listenHost, List<Route> routes, InetAddress source, Path delayFile)
      throws IOException {
    DelayProxy proxy = new DelayProxy(source, delayFile);
    proxy.readDelay();
    for (Route route : routes) {
      ServerSocket listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(listenHost, route.listenPort()));
      proxy.listeners.add(listener);
      daemon("delay-accept-" + route.listenPort(), () -> proxy.accept(listener, route));
    }
    daemon("delay-file", proxy::followDelayFile);
    return proxy;
  }

  public long delayMillis() {
    return TimeUnit.NANOSECONDS.toMillis(delayNanos);
  }

  private void accept(ServerSocket listener, Route route) {
    while (running) {
      try {
        Socket client = listener.accept();
        daemon("delay-connect", () -> relay(client, route));
      } catch (IOException e) {
        if (!running) {
          return;
        }
        System.err.println("delay proxy: accept on " + route.listenPort() + " failed: " + e);
        pause();
      }
    }
  }

  private void relay(Socket client, Route route) {
    Socket upstream = new Socket();
    try {
      upstream.bind(new InetSocketAddress(source, 0));
      upstream.connect(new InetSocketAddress(route.host(), route.port()), CONNECT_TIMEOUT_MILLIS);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      AtomicInteger open = new AtomicInteger(2);
      pipe(client, upstream, "up", open);
      pipe(upstream, client, "down", open);
    } catch (IOException e) {
      System.err.println("delay proxy: cannot reach " + route.host() + ":" + route.port() + ": " + e);
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /**
   * One direction: a reader stamps each chunk with its release time, a writer sends it then. The queue is bounded,
   * so a slow reader at the far end holds the near end back, as TCP would. The second direction to end closes both
   * sockets.
   */
  private void pipe(Socket from, Socket to, String direction, AtomicInteger open) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>(QUEUED_CHUNKS);
    daemon("delay-read-" + direction, () -> {
      byte[] buffer = new byte[CHUNK_BYTES];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          chunks.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
        }
      } catch (IOException | InterruptedException e) {
        // the connection ended or broke; the writer finishes what is queued, then ends too
      } finally {
        try {
          chunks.put(END); // room is made by the writer, alive or failed (it clears the queue)
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    daemon("delay-write-" + direction, () -> {
      try {
        for (Chunk chunk = chunks.take(); chunk != END; chunk = chunks.take()) {
          long wait = chunk.releaseAtNanos() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          out.write(chunk.bytes());
          out.flush();
        }
        to.shutdownOutput();
      } catch (IOException | InterruptedException e) {
        // a broken side ends both directions; clearing lets a reader blocked on a full queue see its socket closed
        closeQuietly(from);
        closeQuietly(to);
        chunks.clear();
      } finally {
        if (open.decrementAndGet() == 0) {
          closeQuietly(from);
          closeQuietly(to);
        }
      }
    });
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void followDelayFile() {
    while (running) {
      readDelay();
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void readDelay() {
    try {
      delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(Files.readString(delayFile).trim()));
    } catch (IOException | NumberFormatException e) {
      // missing or half-written: keep the last delay
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
  public void close() {
    running = false;
    listeners.forEach(listener -> {
      try {
        listener.close();
      } catch (IOException e) {
        // already closed
      }
    });
  }
}
