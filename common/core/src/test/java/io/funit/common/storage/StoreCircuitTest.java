package io.funit.common.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.funit.common.config.S3Settings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store that takes connections and never answers (a lost route's effect) is given up on after a few calls. */
class StoreCircuitTest {

  @Test
  void callsToAStoreThatDoesNotAnswerFailAtOnceAfterAFewTimedOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        while (!silent.isClosed()) {
          try {
            held.add(silent.accept()); // read nothing, answer nothing
          } catch (IOException closed) {
            return;
          }
        }
      });
      acceptor.start();
      ObjectStore store = new ObjectStore(new S3Settings("http://127.0.0.1:" + silent.getLocalPort(), "k", "s",
          "funit", "us-east-1", Duration.ofMillis(300), Duration.ofMillis(300)));
      for (int i = 0; i < StoreCircuit.FAILURES; i++) {
        long started = System.nanoTime();
        assertThatThrownBy(() -> store.stat("a")).isInstanceOf(StorageUnavailableException.class)
            .hasMessageContaining("failed");
        assertThat((System.nanoTime() - started) / 1e6).as("ms a call waited").isGreaterThanOrEqualTo(250);
      }
      int accepted = held.size();
      assertThatThrownBy(() -> store.readBytes("b", 10)).isInstanceOf(StorageUnavailableException.class)
          .hasMessageContaining("not tried");
      assertThat(held).as("connections the store was sent after it stopped answering").hasSize(accepted);
      silent.close();
      acceptor.join();
    }
  }

  @Test
  void anAnswerOfAnyKindClosesTheCircuitAndOneTryFollowsTheOpenTime() {
    StoreCircuit circuit = new StoreCircuit(2, Duration.ofMillis(200));
    circuit.acquire("stat", "a");
    circuit.record(new java.net.SocketTimeoutException());
    circuit.acquire("stat", "a");
    circuit.record(new StorageException("404", null)); // the store answered: the count starts again
    circuit.acquire("stat", "a");
    circuit.record(new java.net.ConnectException());
    assertThat(circuit.open()).isFalse();
    circuit.acquire("stat", "a");
    circuit.record(new java.net.ConnectException());
    assertThat(circuit.open()).isTrue();
    assertThatThrownBy(() -> circuit.acquire("stat", "a")).isInstanceOf(StorageUnavailableException.class);

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
      circuit.acquire("stat", "a");
      return true;
    });
    circuit.record(null);
    assertThat(circuit.open()).isFalse();
    circuit.acquire("stat", "a");
  }
}
