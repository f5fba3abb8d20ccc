package dev.ludicrous.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A named cache of one value type, obtained from {@link CacheManager#cache(String, Codec)}.
 *
 * <p>Reads look in the local tier (this JVM), then in Redis when the manager has it, then run the
 * loader. A view made by {@link #dependingOn} stores and reads entries that depend on namespaces:
 * {@link CacheManager#bump} of any of them makes the entries unreachable on every node.
 *
 * <p>Thread-safe. Keys and values are never {@code null}: a {@code null} key, value or loader
 * result throws {@link NullPointerException} and caches nothing. A loader that throws caches
 * nothing and its exception reaches the caller. When Redis fails, reads and writes fall back to
 * the local tier and the loader; no method of this interface fails because Redis does.
 *
 * @param <V> the type of the values
 */
public interface Cache<V> {
    /**
     * Returns the name given to {@link CacheManager#cache(String, Codec)}.
     *
     * @return the cache's name
     */
    String name();

    /**
     * Returns the value for {@code key}, loading it on a miss. Concurrent misses of one key in this
     * JVM run the loader once; the other callers wait for its result (or its exception).
     *
     * @param key the key, not {@code null}
     * @param loader computes the value on a miss; must not return {@code null}
     * @return the cached or loaded value
     * @throws NullPointerException when {@code key} is null or the loader returns null
     * @throws RuntimeException whatever the loader throws
     */
    V get(String key, Supplier<? extends V> loader);

    /**
     * Returns the values for {@code keys}: from the local tier, then from Redis in one round trip
     * for all the keys the local tier lacks, then from one call of {@code bulkLoader} with the keys
     * still missing. A key the loader leaves out of its map is left out of the result and not cached.
     *
     * @param keys the keys, none {@code null}
     * @param bulkLoader computes the values of the keys it is given
     * @return the values found or loaded, in the iteration order of {@code keys}
     */
    Map<String, V> getAll(Collection<String> keys,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> bulkLoader);

    /**
     * Returns the value for {@code key} if a tier holds a fresh one, without loading.
     *
     * @param key the key, not {@code null}
     * @return the value, or empty
     */
    Optional<V> getIfPresent(String key);

    /**
     * Stores a value in both tiers, and tells other nodes to drop their local copy.
     *
     * @param key the key, not {@code null}
     * @param value the value, not {@code null}
     * @throws NullPointerException when {@code key} or {@code value} is null
     * @throws IllegalArgumentException when the codec cannot encode the value, or its encoded size is
     *     over {@link CacheManager.Builder#maxValueBytes}; the cache is then unchanged
     */
    void put(String key, V value);

    /**
     * Removes {@code key} from both tiers and from the local tier of other nodes.
     *
     * @param key the key, not {@code null}
     */
    void invalidate(String key);

    /**
     * Returns a view of this cache whose entries depend on {@code namespaces}: an entry is stored
     * with the namespaces' versions as they were before its loader ran, and is fresh only while
     * every one of them still has that version. Read an entry through a view with the same
     * namespaces as the one that stored it; any other view sees a miss.
     *
     * <pre>{@code
     * Cache<String> pages = manager.cache("pages", Codec.string());
     * String html = pages.dependingOn("post", "comment").get("/", this::renderHome);
     * manager.bump("comment"); // the next get renders again
     * }</pre>
     *
     * @param namespaces one or more namespaces (any non-blank strings such as {@code post} or
     *     {@code post:42}), at most 64
     * @return a view sharing this cache's entries
     * @throws IllegalArgumentException when no namespace is given, one is blank or longer than
     *     512 characters, or more than 64 are given
     */
    Cache<V> dependingOn(String... namespaces);
}
