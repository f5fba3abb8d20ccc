package dev.ludicrous.tasks.http;

import dev.ludicrous.tasks.PermanentTaskFailure;
import dev.ludicrous.tasks.TaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A task handler that calls a URL, as Celery's {@code HttpDispatchTask} did, on the JDK's
 * {@link HttpClient}. Register it like any handler:
 * {@code .task("http-callback", HttpCallbackRequest.class, HttpCallbackTask.builder().build())}.
 *
 * <ul>
 *   <li>Before each request, and again before following each redirect, the host is resolved and
 *       refused when any address is loopback, private, link-local (cloud metadata), unique-local,
 *       carrier-grade NAT, multicast or unspecified, unless {@link Builder#allowHosts} or
 *       {@link Builder#allowRanges} names it. A refusal is not retried.</li>
 *   <li>A 2xx answer succeeds. 5xx, 408, 429, time-outs and I/O errors throw, so the task is
 *       retried by its options; other 4xx answers fail permanently (no retry).</li>
 *   <li>At most {@code maxResponseBytes} of a response are read; a larger one fails permanently.</li>
 * </ul>
 *
 * <p>Limit: the JDK client resolves the host again when it connects, so a DNS server that answers
 * differently within milliseconds (DNS rebinding) is not fully stopped; put an egress proxy or
 * firewall rule in front when callers choose URLs. Thread-safe.
 */
public final class HttpCallbackTask implements TaskHandler<HttpCallbackRequest> {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final HttpClient client;
    private final AddressGuard guard;
    private final Duration requestTimeout;
    private final long maxResponseBytes;
    private final int maxRedirects;

    private HttpCallbackTask(Builder b, AddressGuard guard) {
        this.client = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.guard = guard;
        this.requestTimeout = b.requestTimeout;
        this.maxResponseBytes = b.maxResponseBytes;
        this.maxRedirects = b.maxRedirects;
    }

    /**
     * Returns a builder with safe defaults: 5 s to connect, 30 s per request, 1 MiB of response,
     * 5 redirects, no private address allowed.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void run(HttpCallbackRequest request) throws IOException, InterruptedException {
        URI uri = parse(request.url());
        String method = request.method().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new PermanentTaskFailure("HTTP callback method must be one of " + METHODS + ", but was '"
                    + request.method() + "'");
        }
        String body = request.body();
        for (int redirects = 0;; redirects++) {
            guard.check(uri.getHost());
            HttpRequest.Builder http = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                http.header(header.getKey(), header.getValue());
            }
            HttpResponse<InputStream> response = client.send(http.build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            readLimited(response, method + " " + uri);
            if (status >= 200 && status < 300) {
                return;
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new PermanentTaskFailure(method + " " + uri + " answered " + status + " without a Location header");
                }
                if (redirects >= maxRedirects) {
                    throw new PermanentTaskFailure(method + " " + uri + " redirected more than maxRedirects ("
                            + maxRedirects + ") times");
                }
                uri = parse(uri.resolve(location).toString());
                if (status == 303 || ((status == 301 || status == 302) && method.equals("POST"))) {
                    method = "GET";
                    body = "";
                }
                continue;
            }
            String what = method + " " + uri + " answered " + status;
            if (status >= 500 || status == 408 || status == 429) {
                throw new IOException(what + "; the task will be retried");
            }
            throw new PermanentTaskFailure(what);
        }
    }

    private void readLimited(HttpResponse<InputStream> response, String what) throws IOException {
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > maxResponseBytes) {
                    throw new PermanentTaskFailure("the response to " + what + " is larger than maxResponseBytes ("
                            + maxResponseBytes + ")");
                }
            }
        }
    }

    private static URI parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new PermanentTaskFailure("HTTP callback URL is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PermanentTaskFailure("HTTP callback URL must be http or https, but was '" + url + "'");
        }
        if (uri.getHost() == null) {
            throw new PermanentTaskFailure("HTTP callback URL must name a host, but was '" + url + "'");
        }
        return uri;
    }

    /** Builds an {@link HttpCallbackTask}; {@link #build()} checks every setting. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private long maxResponseBytes = 1024 * 1024;
        private int maxRedirects = 5;
        private final Set<String> allowedHosts = new LinkedHashSet<>();
        private final List<String> allowedRanges = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets how long connecting may take.
         *
         * @param connectTimeout positive; the default is 5 s
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long each request may take until its response headers arrive.
         *
         * @param requestTimeout positive; the default is 30 s
         * @return this builder
         */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Sets the most bytes of a response that are read.
         *
         * @param maxResponseBytes at least 1; the default is 1 MiB
         * @return this builder
         */
        public Builder maxResponseBytes(long maxResponseBytes) {
            this.maxResponseBytes = maxResponseBytes;
            return this;
        }

        /**
         * Sets how many redirects are followed, each one checked like the first URL.
         *
         * @param maxRedirects 0 to 20; the default is 5
         * @return this builder
         */
        public Builder maxRedirects(int maxRedirects) {
            this.maxRedirects = maxRedirects;
            return this;
        }

        /**
         * Allows host names (exactly, ignoring case) whatever they resolve to.
         *
         * @param hosts such as {@code billing.internal}
         * @return this builder
         */
        public Builder allowHosts(String... hosts) {
            for (String host : hosts) {
                allowedHosts.add(Objects.requireNonNull(host, "host").toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /**
         * Allows address ranges that the guard refuses by default.
         *
         * @param ranges CIDR ranges such as {@code 10.1.0.0/16} or {@code 127.0.0.1/32}
         * @return this builder
         */
        public Builder allowRanges(String... ranges) {
            for (String range : ranges) {
                allowedRanges.add(Objects.requireNonNull(range, "range"));
            }
            return this;
        }

        /**
         * Checks the settings and returns the handler.
         *
         * @return the handler
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public HttpCallbackTask build() {
            positive("connectTimeout", connectTimeout);
            positive("requestTimeout", requestTimeout);
            if (maxResponseBytes < 1) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1, but was " + maxResponseBytes);
            }
            if (maxRedirects < 0 || maxRedirects > 20) {
                throw new IllegalArgumentException("maxRedirects must be between 0 and 20, but was " + maxRedirects);
            }
            List<AddressGuard.Cidr> ranges = allowedRanges.stream().map(AddressGuard.Cidr::parse).toList();
            return new HttpCallbackTask(this, new AddressGuard(Set.copyOf(allowedHosts), ranges));
        }

        private static void positive(String setting, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive, but was " + value);
            }
        }
    }
}
