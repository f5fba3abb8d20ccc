package dev.ludicrous.benchmarks.profiling;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 client on one keep-alive connection: it writes a prepared GET and
 * reads the status line, the headers and a Content-Length body. A few microseconds of CPU per
 * request, where the JDK's {@code HttpClient} spends tens (its selector thread, futures, header
 * maps): on two cores shared by client and server, every microsecond the client saves is one the
 * measurement can see on the server. Not thread-safe: one per client thread.
 */
final class KeepAliveClient implements Closeable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] line = new byte[8192];

    KeepAliveClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** The bytes of {@code GET path}, with one extra header when {@code header} is not null. */
    static byte[] request(String path, String header, String value) {
        String text = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (header == null ? "" : header + ": " + value + "\r\n") + "\r\n";
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends one request and reads the whole answer; returns the status code. */
    int send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int length = readLine();
        if (length < 12) {
            throw new IOException("no status line in the answer");
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long contentLength = -1;
        while ((length = readLine()) > 0) {
            if (length > 15 && startsWithIgnoreCase("content-length:")) {
                contentLength = Long.parseLong(new String(line, 15, length - 15, StandardCharsets.US_ASCII).trim());
            }
        }
        if (contentLength < 0) {
            throw new IOException("answer without Content-Length (status " + status + ")");
        }
        for (long left = contentLength; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed inside the body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return status;
    }

    /** Reads one header line without its CRLF into {@link #line}; returns its length. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the headers");
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    private boolean startsWithIgnoreCase(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
