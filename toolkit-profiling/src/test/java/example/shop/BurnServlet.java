package example.shop;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * An application servlet that spends nearly all of its time in {@link #burnCpu}. It lives outside
 * {@code dev.ludicrous.profiling} because the default frame filter hides the profiler's own frames.
 */
public final class BurnServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long BURN_NANOS = 400_000_000L;

    private volatile double sink;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        double result = burnCpu();
        sink = result;
        response.setContentType("text/plain");
        response.getWriter().write("burned");
    }

    private double burnCpu() {
        long end = System.nanoTime() + BURN_NANOS;
        double x = 1;
        while (System.nanoTime() - end < 0) {
            for (int i = 0; i < 1_000; i++) {
                x = x * 1.000_000_1 + Math.sqrt(i);
            }
        }
        return x;
    }
}
