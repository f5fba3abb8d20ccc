package dev.ludicrous.profiling.web;

import dev.ludicrous.profiling.CollapsedStacks;
import dev.ludicrous.profiling.FlameGraph;
import dev.ludicrous.profiling.FrameFilter;
import dev.ludicrous.profiling.FrameNode;
import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Speedscope;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the stored profiles and serves each one as an HTML flame graph ({@code /<id>}), collapsed
 * stacks ({@code /<id>.collapsed}) and speedscope JSON ({@code /<id>.json}); add {@code ?fold=none}
 * to keep JDK and container frames.
 *
 * <p>Closed by default: a servlet built without {@link Builder#enabled(boolean) enabled(true)}
 * answers 404 to everything, and {@link Builder#build()} refuses an enabled servlet with neither
 * an access token nor an access check. A request that fails the check gets the same 404 as a
 * path that does not exist. With a token, a browser authenticates once with {@code ?token=...}:
 * the servlet moves the token into an {@code HttpOnly}, {@code SameSite=Strict} cookie and
 * redirects to the same page without it; scripts send {@code Authorization: Bearer <token>}.
 *
 * <p>Every page is sent with a {@code Content-Security-Policy} that allows only its own
 * nonce-tagged script and style, {@code no-store}, {@code nosniff} and {@code no-referrer}; every
 * value from a request is HTML-escaped, and stored paths carry no query strings. Thread-safe.
 */
public final class ProfilerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String COOKIE = "ludicrous_profiler";
    private static final Pattern PROFILE_PATH = Pattern.compile("/([a-z0-9]{1,64})(\\.collapsed|\\.json)?");

    private final transient ProfileStore store;
    private final transient TriggerSecret token;
    private final transient Predicate<HttpServletRequest> accessCheck;
    private final transient FrameFilter frameFilter;
    private final boolean enabled;

    private ProfilerServlet(Builder builder) {
        this.store = builder.store;
        this.token = builder.token == null ? null : new TriggerSecret(builder.token);
        this.accessCheck = builder.accessCheck;
        this.frameFilter = builder.frameFilter;
        this.enabled = builder.enabled;
    }

    /**
     * Returns a builder; the servlet it builds is off until {@link Builder#enabled(boolean)}.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!enabled || !allowed(request)) {
            notFound(response);
            return;
        }
        if (token != null && request.getParameter("token") != null) {
            moveTokenToCookie(request, response);
            return;
        }
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            String nonce = FlameGraph.newNonce();
            send(response, "text/html", nonce, ProfileIndex.page(store, base(request), nonce, frameFilter));
            return;
        }
        Matcher matcher = PROFILE_PATH.matcher(path);
        Optional<Profile> found = matcher.matches() ? store.find(matcher.group(1)) : Optional.empty();
        if (found.isEmpty()) {
            notFound(response);
            return;
        }
        Profile profile = found.get();
        FrameFilter filter = "none".equals(request.getParameter("fold")) ? FrameFilter.none() : frameFilter;
        FrameNode root = filter.fold(profile.stacks().root());
        String format = matcher.group(2);
        String nonce = FlameGraph.newNonce();
        if (format == null) {
            send(response, "text/html", nonce, FlameGraph.html(profile, root, nonce));
        } else if (format.equals(".collapsed")) {
            send(response, "text/plain", nonce, CollapsedStacks.format(root));
        } else {
            send(response, "application/json", nonce, Speedscope.json(profile, root));
        }
    }

    private boolean allowed(HttpServletRequest request) {
        if (accessCheck != null) {
            try {
                if (!accessCheck.test(request)) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        if (token == null) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && token.matches(authorization.substring(7).trim())) {
            return true;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && token.matches(cookie.getValue())) {
                    return true;
                }
            }
        }
        return token.matches(request.getParameter("token"));
    }

    private void moveTokenToCookie(HttpServletRequest request, HttpServletResponse response) {
        Cookie cookie = new Cookie(COOKIE, request.getParameter("token"));
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath(base(request) + "/");
        cookie.setAttribute("SameSite", "Strict");
        response.addCookie(cookie);
        securityHeaders(response, FlameGraph.newNonce());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        String path = request.getPathInfo();
        response.setHeader("Location", base(request) + (path == null ? "/" : path));
    }

    private static String base(HttpServletRequest request) {
        return request.getContextPath() + request.getServletPath();
    }

    private static void send(HttpServletResponse response, String type, String nonce, String body) throws IOException {
        securityHeaders(response, nonce);
        response.setContentType(type + ";charset=utf-8");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static void notFound(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setHeader("Cache-Control", "no-store");
    }

    private static void securityHeaders(HttpServletResponse response, String nonce) {
        response.setHeader("Content-Security-Policy", "default-src 'none'; script-src 'nonce-" + nonce
                + "'; style-src 'nonce-" + nonce + "'; img-src data:; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
    }

    /** Configures a {@link ProfilerServlet}; {@link #build()} refuses a configuration that exposes profiles. */
    public static final class Builder {
        private ProfileStore store;
        private String token;
        private Predicate<HttpServletRequest> accessCheck;
        private FrameFilter frameFilter = FrameFilter.defaults();
        private boolean enabled;

        private Builder() {
        }

        /**
         * Sets the store to show (required): the filter's.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(ProfileStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Switches the viewer on; off by default, when it answers 404 to everything.
         *
         * @param enabled whether to serve profiles
         * @return this builder
         */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Requires this token (bearer header, cookie, or {@code ?token=} once) on every request.
         *
         * @param token at least 16 characters; keep it out of source code
         * @return this builder
         */
        public Builder accessToken(String token) {
            this.token = token;
            return this;
        }

        /**
         * Requires {@code check} to accept every request, for example
         * {@code request -> request.isUserInRole("admin")}. With a token as well, both must pass.
         * A check that throws denies.
         *
         * @param check the application's own access rule
         * @return this builder
         */
        public Builder accessCheck(Predicate<HttpServletRequest> check) {
            this.accessCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Sets which frames are folded away by default; {@link FrameFilter#defaults()} unless set.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder frameFilter(FrameFilter filter) {
            this.frameFilter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /**
         * Checks the configuration and builds the servlet.
         *
         * @return a new servlet
         * @throws IllegalArgumentException when the store is missing, the token too short, or the
         *     viewer is enabled with neither a token nor an access check
         */
        public ProfilerServlet build() {
            if (store == null) {
                throw new IllegalArgumentException("store must be set: the viewer shows a ProfileStore");
            }
            if (token != null && (token.length() < 16 || token.isBlank())) {
                throw new IllegalArgumentException("accessToken must be at least 16 characters, but was "
                        + token.length() + " characters");
            }
            if (enabled && token == null && accessCheck == null) {
                throw new IllegalArgumentException("enabled(true) needs accessToken(...) or accessCheck(...):"
                        + " without one, every stored profile (paths, timings, code) is open to anyone");
            }
            return new ProfilerServlet(this);
        }
    }
}
