package dev.trackenricher.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving HTTP server on a raw socket, for what WireMock cannot play: one that accepts the
 * connection and never answers, one that trickles its answer a byte at a time, one whose answer
 * never ends. Counts the connections it accepted.
 */
public final class RawHttpServer implements AutoCloseable {

    public enum Behaviour {
        /** reads the request, then says nothing, ever */
        HANG,
        /** a 200 with a long Content-Length, then one byte every 250 ms */
        TRICKLE,
        /** a 200 without a length, then bytes as fast as the client takes them, forever */
        ENDLESS
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    public RawHttpServer(Behaviour behaviour) {
        this.behaviour = behaviour;
        try {
            socket = new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "raw-http-" + behaviour.name().toLowerCase());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://localhost:" + socket.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                accepted.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "raw-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            readHead(in);
            switch (behaviour) {
                case HANG -> {
                    while (!closed && in.read() >= 0) {
                        // the client gave up and closed, or we are closing
                    }
                }
                case TRICKLE -> {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    while (!closed) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(250);
                    }
                }
                case ENDLESS -> {
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[".getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",".repeat(100)
                            .getBytes(StandardCharsets.US_ASCII);
                    while (!closed) {
                        out.write(chunk);
                    }
                }
                default -> throw new IllegalStateException();
            }
        } catch (IOException | InterruptedException gone) {
            // the client hung up (its timeout), or we closed
        } finally {
            open.remove(s);
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
    }
}
