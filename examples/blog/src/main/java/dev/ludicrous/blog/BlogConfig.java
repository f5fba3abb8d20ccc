package dev.ludicrous.blog;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The blog's settings, read from environment variables ({@code BLOG_DB_URL}) or from a properties
 * file ({@code db.url}) named by {@code BLOG_CONFIG}; the environment wins. Every value is checked
 * here, so a bad setting stops the blog before it starts, with the setting's name, the rule and the
 * value in the message. The table of settings is in docs/blog.md.
 */
public final class BlogConfig {
    /** Where the blog runs: development opens the developer pages to localhost without a token. */
    public enum Profile { DEVELOPMENT, PRODUCTION }

    final String host;
    final int port;
    final Profile profile;
    final String dbUrl;
    final String dbUser;
    final String dbPassword;
    final String dbSchema;
    final int poolSize;
    final long seed;
    final int seedAuthors;
    final int seedPosts;
    final int seedComments;
    final int seedTags;
    final Optional<URI> redisUri;
    final String redisPrefix;
    final int redisPoolSize;
    final Optional<URI> webhookUrl;
    final boolean taskWorker;
    final java.util.List<String> webhookAllowHosts;
    final int popularRefreshSeconds;
    final Optional<String> devToken;
    final Optional<String> profilerSecret;
    final int profilerSlowMillis;
    final double profilerSampleFraction;
    final int profilerSampleIntervalMillis;
    final byte[] secret;

    private BlogConfig(Settings s) {
        host = s.text("host", "127.0.0.1");
        port = s.integer("port", 8080, 0, 65_535);
        String profileName = s.text("profile", "development");
        try {
            profile = Profile.valueOf(profileName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw s.invalid("profile", "must be development or production", profileName);
        }
        dbUrl = s.text("db.url", "jdbc:h2:mem:blog;DB_CLOSE_DELAY=-1");
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw s.invalid("db.url", "must be an H2 (jdbc:h2:) or PostgreSQL (jdbc:postgresql:) JDBC URL", dbUrl);
        }
        dbUser = s.text("db.user", dbUrl.startsWith("jdbc:h2:") ? "sa" : "");
        dbPassword = s.text("db.password", "");
        dbSchema = s.text("db.schema", "");
        if (!dbSchema.isEmpty() && !dbSchema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw s.invalid("db.schema", "must be a lowercase SQL identifier (letters, digits, _)", dbSchema);
        }
        poolSize = s.integer("db.pool-size", 10, 1, 200);
        seed = s.integer("seed", 42, 0, Integer.MAX_VALUE);
        seedAuthors = s.integer("seed.authors", 50, 0, 1_000_000);
        seedPosts = s.integer("seed.posts", 5_000, 0, 10_000_000);
        seedComments = s.integer("seed.comments", 50_000, 0, 100_000_000);
        seedTags = s.integer("seed.tags", 30, 0, 10_000);
        if (seedPosts > 0 && seedAuthors == 0) {
            throw s.invalid("seed.authors", "must be at least 1 when seed.posts is positive", "0");
        }
        redisUri = s.optional("redis.url").map(v -> s.uri("redis.url", v, "redis", "rediss"));
        redisPrefix = s.text("redis.prefix", "blog:");
        if (!redisPrefix.matches("[A-Za-z0-9_:{}.-]{1,64}")) {
            throw s.invalid("redis.prefix", "must be 1 to 64 letters, digits or _ : { } . -", redisPrefix);
        }
        redisPoolSize = s.integer("redis.pool-size", 16, RedisClients.LONG_HELD + 1, 1_000);
        webhookUrl = s.optional("webhook.url").map(v -> s.uri("webhook.url", v, "http", "https"));
        String worker = s.text("tasks.worker", "true");
        if (!worker.equals("true") && !worker.equals("false")) {
            throw s.invalid("tasks.worker", "must be true or false", worker);
        }
        taskWorker = Boolean.parseBoolean(worker);
        webhookAllowHosts = java.util.Arrays.stream(s.text("webhook.allow-hosts", "").split(","))
                .map(String::trim).filter(host -> !host.isEmpty()).toList();
        popularRefreshSeconds = s.integer("popular.refresh-seconds", 60, 0, 86_400);
        devToken = s.optional("dev.token");
        if (devToken.isPresent() && devToken.get().length() < 16) {
            throw s.invalid("dev.token", "must be at least 16 characters", "(" + devToken.get().length() + " characters)");
        }
        profilerSecret = s.optional("profiler.secret");
        if (profilerSecret.isPresent() && profilerSecret.get().length() < 16) {
            throw s.invalid("profiler.secret", "must be at least 16 characters",
                    "(" + profilerSecret.get().length() + " characters)");
        }
        profilerSlowMillis = s.integer("profiler.slow-ms", 250, 1, 600_000);
        profilerSampleFraction = s.fraction("profiler.sample-fraction", 0);
        profilerSampleIntervalMillis = s.integer("profiler.sample-interval-ms", 20, 1, 10_000);
        secret = s.optional("secret").map(v -> {
            if (v.length() < 32) {
                throw s.invalid("secret", "must be at least 32 characters", "(" + v.length() + " characters)");
            }
            return v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }).orElseGet(BlogConfig::randomSecret);
    }

    /** Reads the settings from the process environment and the file named by {@code BLOG_CONFIG}, if any. */
    public static BlogConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the settings from {@code env}, and from the properties file it names in {@code BLOG_CONFIG}. */
    public static BlogConfig from(Map<String, String> env) {
        Properties file = new Properties();
        String path = env.get("BLOG_CONFIG");
        if (path != null && !path.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(path))) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("BLOG_CONFIG must name a readable properties file, but "
                        + path + " could not be read: " + e.getMessage(), e);
            }
        }
        return new BlogConfig(new Settings(env, file));
    }

    /** Settings for tests and embedding: keys as in the properties file ({@code db.url}). */
    public static BlogConfig of(Map<String, String> properties) {
        Properties file = new Properties();
        file.putAll(properties);
        return new BlogConfig(new Settings(Map.of(), file));
    }

    boolean isH2() {
        return dbUrl.startsWith("jdbc:h2:");
    }

    private static byte[] randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Looks a key up as {@code BLOG_DB_URL} in the environment, then as {@code db.url} in the file. */
    private static final class Settings {
        private final Map<String, String> env;
        private final Map<String, String> file = new HashMap<>();

        Settings(Map<String, String> env, Properties file) {
            this.env = env;
            file.stringPropertyNames().forEach(name -> this.file.put(name, file.getProperty(name)));
        }

        static String variable(String key) {
            return "BLOG_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }

        Optional<String> optional(String key) {
            String value = env.get(variable(key));
            if (value == null) {
                value = file.get(key);
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        String text(String key, String fallback) {
            return optional(key).orElse(fallback);
        }

        int integer(String key, int fallback, int min, int max) {
            Optional<String> value = optional(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int number = Integer.parseInt(value.get());
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw invalid(key, "must be a whole number from " + min + " to " + max, value.get());
        }

        /** A number from 0 to 1, such as {@code 0.01}. */
        double fraction(String key, double fallback) {
            Optional<String> value = optional(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                double number = Double.parseDouble(value.get());
                if (number >= 0 && number <= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below with the accepted range
            }
            throw invalid(key, "must be a number from 0 to 1 (0.01 is 1 %)", value.get());
        }

        URI uri(String key, String value, String... schemes) {
            try {
                URI uri = new URI(value);
                for (String scheme : schemes) {
                    if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                        return uri;
                    }
                }
            } catch (java.net.URISyntaxException e) {
                // reported below
            }
            throw invalid(key, "must be a URL with a host and scheme " + String.join(" or ", schemes), value);
        }

        IllegalArgumentException invalid(String key, String rule, String value) {
            return new IllegalArgumentException(key + " (" + variable(key) + ") " + rule + ", but was " + value);
        }
    }
}
