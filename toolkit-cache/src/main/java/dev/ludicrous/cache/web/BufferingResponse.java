package dev.ludicrous.cache.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Holds the body in memory, up to a bound, so that the filter can store it and add an ETag before
 * anything is sent. Past the bound, what it holds is sent and the rest streams through: the page
 * is then not cached. Errors and redirects also stream through.
 */
final class BufferingResponse extends HttpServletResponseWrapper {
    private final int maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean passThrough;
    private ServletOutputStream stream;
    private PrintWriter writer;

    BufferingResponse(HttpServletResponse response, int maxBytes) {
        super(response);
        this.maxBytes = maxBytes;
    }

    /** Whether the whole body is held here: false after an overflow, an error or a redirect. */
    boolean buffered() {
        return !passThrough;
    }

    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return buffer.toByteArray();
    }

    /** Sends what is held and lets the rest through, for responses the filter will not keep. */
    void passThrough() throws IOException {
        if (writer != null) {
            writer.flush();
        }
        if (!passThrough) {
            passThrough = true;
            if (buffer.size() > 0) {
                getResponse().getOutputStream().write(buffer.toByteArray());
                buffer.reset();
            }
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        if (stream == null) {
            stream = new Stream();
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (stream != null && writer == null) {
            throw new IllegalStateException("getOutputStream() has already been called for this response");
        }
        if (writer == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            stream = new Stream();
            writer = new PrintWriter(new OutputStreamWriter(stream, charset));
        }
        return writer;
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        passThrough();
        super.sendError(sc, msg);
    }

    @Override
    public void sendError(int sc) throws IOException {
        passThrough();
        super.sendError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        passThrough();
        super.sendRedirect(location);
    }

    @Override
    public void flushBuffer() throws IOException {
        if (passThrough) {
            super.flushBuffer();
        } else if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public void resetBuffer() {
        if (!passThrough) {
            buffer.reset();
        }
        super.resetBuffer();
    }

    @Override
    public void reset() {
        if (!passThrough) {
            buffer.reset();
        }
        super.reset();
    }

    @Override
    public void setContentLength(int len) {
        // The filter sets the length of what it sends.
    }

    @Override
    public void setContentLengthLong(long len) {
        // The filter sets the length of what it sends.
    }

    private final class Stream extends ServletOutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (!passThrough && buffer.size() + length > maxBytes) {
                passThrough();
            }
            if (passThrough) {
                getResponse().getOutputStream().write(bytes, offset, length);
            } else {
                buffer.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (passThrough) {
                getResponse().getOutputStream().flush();
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("the page cache does not support non-blocking writes");
        }
    }
}
