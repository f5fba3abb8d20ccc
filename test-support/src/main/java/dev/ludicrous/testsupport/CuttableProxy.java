package dev.ludicrous.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a free loopback port to a real service (the test Redis, say) that a test can cut
 * and restore, to stop traffic mid-test as a server that went away would, without touching the
 * shared server ({@code CLIENT PAUSE} would stall every other test using it).
 *
 * <p>While cut, open connections are closed and new ones are accepted and closed at once.
 */
public final class CuttableProxy implements AutoCloseable {
    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean up = true;

    /**
     * Starts relaying to a service.
     *
     * @param target the service's address; only its host and port are used
     * @return a running proxy; close it when the test ends
     * @throws IOException if no loopback port can be bound
     */
    public static CuttableProxy to(URI target) throws IOException {
        return new CuttableProxy(target.getHost(), target.getPort());
    }

    private CuttableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "cuttable-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the loopback port the proxy listens on */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection; new ones are closed as soon as they are accepted. */
    public void cut() {
        up = false;
        sockets.forEach(CuttableProxy::closeQuietly);
    }

    /** Relays new connections again. */
    public void restore() {
        up = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    closeQuietly(client);
                    continue;
                }
                relay(client);
            } catch (IOException e) {
                // the proxy was closed
            }
        }
    }

    private void relay(Socket client) {
        try {
            Socket upstream = new Socket(targetHost, targetPort);
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client); // the service refused: the client sees a closed connection
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "cuttable-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }
}
