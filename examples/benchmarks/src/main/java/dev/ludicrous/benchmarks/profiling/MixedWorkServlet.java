package dev.ludicrous.benchmarks.profiling;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed amount of mixed CPU work per request (hashing, sorting, string building), in
 * {@code units}: one unit is about 0.1 ms on a 2 vCPU machine, so the amount, not a
 * time, is what stays the same between modes and runs. Answers 64 bytes with a Content-Length, so
 * a keep-alive client reads it without chunking.
 */
final class MixedWorkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final int BODY = 64;

    private final int units;

    MixedWorkServlet(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1, but was " + units);
        }
        this.units = units;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] page = work(units).getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain");
        resp.setContentLength(BODY);
        resp.getOutputStream().write(page, 0, BODY);
    }

    /**
     * The work itself, callable without HTTP (for calibration); the result depends on every step.
     * Its buffers are allocated once per call, not per unit (what it allocates, about 350 KB a
     * request, is mostly short strings), so that the
     * garbage collector's share stays that of an ordinary request, not the main cost.
     */
    static String work(int units) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[16 * 1024];
            int[] values = new int[2_000];
            StringBuilder out = new StringBuilder(200 * 40);
            for (int u = 0; u < units; u++) {
                block[u % block.length] ^= (byte) u;
                for (int i = 0; i < 4; i++) {
                    block[i] ^= (byte) i;
                    sha.update(block);
                }
                byte[] digest = sha.digest();
                SplittableRandom random = new SplittableRandom(42 + u);
                for (int i = 0; i < values.length; i++) {
                    values[i] = random.nextInt();
                }
                Arrays.sort(values);
                out.setLength(0);
                for (int i = 0; i < 200; i++) {
                    out.append("<tr><td>").append(i).append("</td><td>").append(values[i * 7 % values.length])
                            .append("</td><td>").append(Integer.toHexString(digest[i % digest.length])).append("</td></tr>\n");
                }
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
