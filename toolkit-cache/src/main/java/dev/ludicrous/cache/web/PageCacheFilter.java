package dev.ludicrous.cache.web;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.Codec;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caches whole pages, like Django's {@code @cache_page}: the first {@code GET} of a URL runs the
 * application and stores the response; later {@code GET}s and {@code HEAD}s are answered from the
 * cache, with an {@code ETag}, and with {@code 304 Not Modified} when the client already has it.
 *
 * <p>What is cached, by default (safe for pages that differ per user):
 * <ul>
 * <li>only {@code GET} responses with status 200 and no {@code Set-Cookie};</li>
 * <li>not when the request carries an {@code Authorization} header or a session cookie
 * ({@code JSESSIONID} unless configured), unless {@link Builder#cacheAuthenticated(boolean)};</li>
 * <li>not when the response says {@code Cache-Control: no-store} or {@code private}, or
 * {@code Vary: *};</li>
 * <li>not when the body is larger than {@link Builder#maxBodyBytes(int)} (it is streamed as usual).</li>
 * </ul>
 * The key is the scheme, host, path and query; a response's {@code Vary} headers are added to the
 * key of the next lookups of that URL. Pages are stored with the namespaces
 * {@link Builder#namespaces(Function)} gives for the request, so one {@link CacheManager#bump}
 * refreshes them. An error inside the cache never fails the request: it is logged and the
 * application answers as if the filter were absent.
 *
 * <pre>{@code
 * Filter pages = PageCacheFilter.builder(manager)
 *         .namespaces(request -> List.of("post", "comment"))
 *         .build();
 * }</pre>
 */
public final class PageCacheFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(PageCacheFilter.class);
    private static final Set<String> NOT_REPLAYED = Set.of("set-cookie", "date", "content-length",
            "transfer-encoding", "connection", "etag");

    private final Cache<CachedPage> pages;
    private final Cache<String> varies;
    private final Function<HttpServletRequest, Collection<String>> namespaces;
    private final boolean cacheAuthenticated;
    private final String sessionCookie;
    private final int maxBodyBytes;

    private PageCacheFilter(Builder builder) {
        this.pages = builder.manager.cache(builder.cacheName, CachedPage.CODEC);
        this.varies = builder.manager.cache(builder.cacheName + ".vary", Codec.string());
        this.namespaces = builder.namespaces;
        this.cacheAuthenticated = builder.cacheAuthenticated;
        this.sessionCookie = builder.sessionCookie;
        this.maxBodyBytes = builder.maxBodyBytes;
    }

    /**
     * Returns a builder for a filter that stores pages in {@code manager}.
     *
     * @param manager the cache manager; pages go to its cache {@code pages} unless renamed
     * @return a new builder
     */
    public static Builder builder(CacheManager manager) {
        return new Builder(Objects.requireNonNull(manager, "manager must not be null"));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)
                || !cacheable(request)) {
            chain.doFilter(req, res);
            return;
        }
        String url;
        Cache<CachedPage> view;
        String varyList;
        try {
            url = url(request);
            view = view(request);
            varyList = varies.getIfPresent(url).orElse("");
            if (request.getMethod().equals("HEAD")) {
                Optional<CachedPage> page = view.getIfPresent(key(url, varyList, request));
                if (page.isPresent()) {
                    serve(request, response, page.get());
                } else {
                    chain.doFilter(req, res);
                }
                return;
            }
        } catch (RuntimeException e) {
            LOG.warn("Page cache lookup failed for {}; the application answers ({})", request.getRequestURI(), e.toString());
            chain.doFilter(req, res);
            return;
        }
        BufferingResponse buffering = new BufferingResponse(response, maxBodyBytes);
        boolean[] rendered = {false};
        CachedPage page;
        try {
            // get(key, loader) captures the namespace versions before the page renders, so a bump
            // during rendering leaves the stored page stale, never fresh; concurrent misses render once.
            page = view.get(key(url, varyList, request), () -> {
                rendered[0] = true;
                return render(request, buffering, chain, url, varyList);
            });
        } catch (NotCacheable e) {
            if (rendered[0]) {
                buffering.passThrough();
            } else {
                chain.doFilter(req, res);
            }
            return;
        } catch (ChainFailure e) {
            if (rendered[0]) {
                e.rethrow();
            }
            chain.doFilter(req, res);
            return;
        } catch (RuntimeException e) {
            if (rendered[0]) {
                throw e;
            }
            // Another request's render failed while this one waited for it: render this one alone.
            chain.doFilter(req, res);
            return;
        }
        if (!rendered[0]) {
            serve(request, response, page);
            return;
        }
        response.setHeader("ETag", page.etag());
        if (ETags.matches(request.getHeader("If-None-Match"), page.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setContentLength(page.body().length);
        response.getOutputStream().write(page.body());
    }

    private CachedPage render(HttpServletRequest request, BufferingResponse response, FilterChain chain, String url,
            String varyList) {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException e) {
            throw new ChainFailure(e);
        }
        if (request.isAsyncStarted() || !response.buffered() || response.getStatus() != HttpServletResponse.SC_OK
                || response.containsHeader("Set-Cookie")) {
            throw NotCacheable.INSTANCE;
        }
        for (String cacheControl : response.getHeaders("Cache-Control")) {
            String value = cacheControl.toLowerCase(Locale.ROOT);
            if (value.contains("no-store") || value.contains("private")) {
                throw NotCacheable.INSTANCE;
            }
        }
        Set<String> varyNames = new TreeSet<>();
        for (String vary : response.getHeaders("Vary")) {
            for (String name : vary.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (trimmed.equals("*")) {
                    throw NotCacheable.INSTANCE;
                }
                if (!trimmed.isEmpty()) {
                    varyNames.add(trimmed);
                }
            }
        }
        String responseVary = String.join(",", varyNames);
        if (!responseVary.equals(varyList)) {
            // This page was looked up under a key without the headers it varies on: keep it out of
            // that key, and look up the next requests under the right one.
            try {
                if (responseVary.isEmpty()) {
                    varies.invalidate(url);
                } else {
                    varies.put(url, responseVary);
                }
            } catch (RuntimeException e) {
                LOG.warn("Recording the Vary headers of {} failed ({})", url, e.toString());
            }
            throw NotCacheable.INSTANCE;
        }
        List<String> headers = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            if (!NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : response.getHeaders(name)) {
                    headers.add(name);
                    headers.add(value);
                }
            }
        }
        byte[] body = response.body();
        String etag = response.getHeader("ETag") != null ? response.getHeader("ETag") : ETags.of(body);
        return new CachedPage(List.copyOf(headers), etag, body);
    }

    private boolean cacheable(HttpServletRequest request) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return false;
        }
        if (cacheAuthenticated) {
            return true;
        }
        if (request.getHeader("Authorization") != null) {
            return false;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (cookie.getName().equals(sessionCookie)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String url(HttpServletRequest request) {
        return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }

    private Cache<CachedPage> view(HttpServletRequest request) {
        Collection<String> dependencies = namespaces.apply(request);
        return dependencies == null || dependencies.isEmpty() ? pages
                : pages.dependingOn(dependencies.toArray(String[]::new));
    }

    private static String key(String url, String varyList, HttpServletRequest request) {
        if (varyList.isEmpty()) {
            return url;
        }
        StringBuilder key = new StringBuilder(url);
        for (String name : varyList.split(",")) {
            String value = request.getHeader(name);
            key.append('\n').append(name).append('=').append(value == null ? "" : value);
        }
        return key.toString();
    }

    private static void serve(HttpServletRequest request, HttpServletResponse response, CachedPage page)
            throws IOException {
        List<String> headers = page.headers();
        for (int i = 0; i < headers.size(); i += 2) {
            response.addHeader(headers.get(i), headers.get(i + 1));
        }
        response.setHeader("ETag", page.etag());
        if (ETags.matches(request.getHeader("If-None-Match"), page.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(page.body().length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(page.body());
        }
    }

    /** The response may not be stored; it is sent as the application made it. */
    private static final class NotCacheable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotCacheable INSTANCE = new NotCacheable();

        private NotCacheable() {
            super("not cacheable", null, false, false);
        }
    }

    /** A checked exception from the filter chain, carried through the loader. */
    private static final class ChainFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChainFailure(Exception cause) {
            super(cause);
        }

        void rethrow() throws IOException, ServletException {
            if (getCause() instanceof IOException io) {
                throw io;
            }
            throw (ServletException) getCause();
        }
    }

    /** Settings of a {@link PageCacheFilter}; {@link #build()} checks them. */
    public static final class Builder {
        private final CacheManager manager;
        private String cacheName = "pages";
        private Function<HttpServletRequest, Collection<String>> namespaces = request -> List.of();
        private boolean cacheAuthenticated;
        private String sessionCookie = "JSESSIONID";
        private int maxBodyBytes = 512 * 1024;

        private Builder(CacheManager manager) {
            this.manager = manager;
        }

        /**
         * Names the cache that holds the pages (default {@code pages}); its TTL is the manager's
         * TTL for that name. The filter also uses {@code <name>.vary}.
         *
         * @param name a cache name
         * @return this builder
         */
        public Builder cacheName(String name) {
            this.cacheName = name;
            return this;
        }

        /**
         * Gives the namespaces a request's page depends on, e.g. {@code post:42} for
         * {@code /posts/42}; a bump of any of them refreshes the page. Default: none (TTL only).
         *
         * @param namespaces a function of the request; may return an empty collection
         * @return this builder
         */
        public Builder namespaces(Function<HttpServletRequest, Collection<String>> namespaces) {
            this.namespaces = namespaces;
            return this;
        }

        /**
         * Also caches requests that carry an {@code Authorization} header or the session cookie.
         * Only for pages that are the same for every user.
         *
         * @param cacheAuthenticated {@code true} to cache them (default {@code false})
         * @return this builder
         */
        public Builder cacheAuthenticated(boolean cacheAuthenticated) {
            this.cacheAuthenticated = cacheAuthenticated;
            return this;
        }

        /**
         * Names the session cookie whose presence keeps a request out of the cache.
         *
         * @param name a cookie name (default {@code JSESSIONID})
         * @return this builder
         */
        public Builder sessionCookie(String name) {
            this.sessionCookie = name;
            return this;
        }

        /**
         * Bounds the body the filter holds in memory per response; larger pages stream and are not cached.
         *
         * @param bytes at least 1 (default 512 KiB)
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Checks the settings and builds the filter.
         *
         * @return a new filter
         * @throws IllegalArgumentException naming the first setting that breaks its rule
         */
        public PageCacheFilter build() {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1, but was " + maxBodyBytes);
            }
            if (sessionCookie == null || sessionCookie.isBlank()) {
                throw new IllegalArgumentException("sessionCookie must be a cookie name, but was "
                        + (sessionCookie == null ? "null" : "'" + sessionCookie + "'"));
            }
            Objects.requireNonNull(namespaces, "namespaces must not be null");
            return new PageCacheFilter(this);
        }
    }
}
