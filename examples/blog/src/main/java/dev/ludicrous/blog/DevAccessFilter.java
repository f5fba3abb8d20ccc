package dev.ludicrous.blog;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards the developer pages under {@code /_ludicrous/}: open to loopback clients in the
 * development profile; otherwise only to requests carrying the configured token in the
 * {@code X-Ludicrous-Token} header or the {@code token} parameter. Anyone else gets a plain 404,
 * which says nothing about the pages existing. With no token configured in production the pages
 * are closed to everyone.
 */
final class DevAccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String HEADER = "X-Ludicrous-Token";

    private final BlogConfig.Profile profile;
    private final transient Optional<byte[]> token;

    DevAccessFilter(BlogConfig config) {
        this.profile = config.profile;
        this.token = config.devToken.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (allowed(request)) {
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'");
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    boolean allowed(HttpServletRequest request) {
        if (profile == BlogConfig.Profile.DEVELOPMENT && loopback(request.getRemoteAddr())) {
            return true;
        }
        if (token.isEmpty()) {
            return false;
        }
        String given = request.getHeader(HEADER);
        if (given == null) {
            given = request.getParameter("token");
        }
        return given != null && MessageDigest.isEqual(token.get(), given.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean loopback(String address) {
        try {
            // A literal address from the connector: no DNS lookup happens here.
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
