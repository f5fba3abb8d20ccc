package dev.ludicrous.profiling;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the most recent profiles and the slowest ones of each route, within a bound on their
 * number and on the memory they hold.
 *
 * <p>Bounds, and what happens when one is reached: at most {@code maxRecent} recent profiles (the
 * oldest leaves); at most {@code maxSlowestPerRoute} per route (the fastest leaves); at most
 * {@code maxRoutes} routes (the route whose slowest profile is the fastest leaves); at most
 * {@code maxBytes} in all, by {@link Profile#estimatedBytes()} (the oldest recent profiles leave
 * first, then the fastest of the slowest). A profile larger than {@code maxBytes} on its own is
 * not stored. A profile in both lists counts once.
 *
 * <p>Thread-safe; adding takes a short lock, once per profiled request.
 */
public final class ProfileStore {
    private static final Comparator<Profile> SLOWEST_FIRST =
            Comparator.comparing(Profile::wallTime).reversed().thenComparing(Profile::id);

    private final int maxRecent;
    private final int maxSlowestPerRoute;
    private final int maxRoutes;
    private final long maxBytes;
    private final ArrayDeque<Profile> recent = new ArrayDeque<>();
    private final Map<String, List<Profile>> slowest = new LinkedHashMap<>();
    private final Map<String, Held> byId = new HashMap<>();
    private long bytes;

    private ProfileStore(Builder builder) {
        this.maxRecent = builder.maxRecent;
        this.maxSlowestPerRoute = builder.maxSlowestPerRoute;
        this.maxRoutes = builder.maxRoutes;
        this.maxBytes = builder.maxBytes;
    }

    /**
     * Returns a builder with the defaults: 100 recent, 5 slowest per route, 200 routes, 32 MiB.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stores a profile, evicting others as the bounds require.
     *
     * @param profile a finished profile
     * @return false when the profile alone is larger than {@code maxBytes} and was not stored
     */
    public synchronized boolean add(Profile profile) {
        if (profile.estimatedBytes() > maxBytes || byId.containsKey(profile.id())) {
            return false;
        }
        recent.addFirst(profile);
        hold(profile);
        if (recent.size() > maxRecent) {
            release(recent.removeLast());
        }
        addSlowest(profile);
        while (bytes > maxBytes) {
            if (!recent.isEmpty()) {
                release(recent.removeLast());
            } else {
                removeFastestOfSlowest();
            }
        }
        return true;
    }

    /**
     * Finds a stored profile by id.
     *
     * @param id the profile's id
     * @return the profile, empty when it was never stored or has been evicted
     */
    public synchronized Optional<Profile> find(String id) {
        Held held = byId.get(id);
        return held == null ? Optional.empty() : Optional.of(held.profile);
    }

    /**
     * Returns the recent profiles, newest first.
     *
     * @return a copy
     */
    public synchronized List<Profile> recent() {
        return List.copyOf(recent);
    }

    /**
     * Returns the slowest profiles of each route, slowest first, routes in the order first seen.
     *
     * @return a copy
     */
    public synchronized Map<String, List<Profile>> slowestByRoute() {
        Map<String, List<Profile>> copy = new LinkedHashMap<>();
        slowest.forEach((route, profiles) -> copy.put(route, List.copyOf(profiles)));
        return copy;
    }

    /**
     * Returns the number of distinct profiles held.
     *
     * @return profiles in either list, each counted once
     */
    public synchronized int size() {
        return byId.size();
    }

    /**
     * Returns the estimated memory held.
     *
     * @return the sum of {@link Profile#estimatedBytes()} of the profiles held
     */
    public synchronized long bytes() {
        return bytes;
    }

    private void addSlowest(Profile profile) {
        if (maxSlowestPerRoute == 0) {
            return;
        }
        List<Profile> list = slowest.get(profile.route());
        if (list == null) {
            if (slowest.size() >= maxRoutes && !evictRouteFasterThan(profile)) {
                return;
            }
            list = new ArrayList<>(maxSlowestPerRoute + 1);
            slowest.put(profile.route(), list);
        }
        if (list.size() >= maxSlowestPerRoute
                && SLOWEST_FIRST.compare(profile, list.get(list.size() - 1)) > 0) {
            return;
        }
        int at = 0;
        while (at < list.size() && SLOWEST_FIRST.compare(list.get(at), profile) < 0) {
            at++;
        }
        list.add(at, profile);
        hold(profile);
        if (list.size() > maxSlowestPerRoute) {
            release(list.remove(list.size() - 1));
        }
    }

    /** Makes room for a new route by dropping the route whose slowest profile is the fastest. */
    private boolean evictRouteFasterThan(Profile profile) {
        String fastestRoute = null;
        Profile fastestTop = null;
        for (Map.Entry<String, List<Profile>> entry : slowest.entrySet()) {
            Profile top = entry.getValue().get(0);
            if (fastestTop == null || SLOWEST_FIRST.compare(top, fastestTop) > 0) {
                fastestTop = top;
                fastestRoute = entry.getKey();
            }
        }
        if (fastestTop == null || SLOWEST_FIRST.compare(profile, fastestTop) > 0) {
            return false;
        }
        for (Profile dropped : slowest.remove(fastestRoute)) {
            release(dropped);
        }
        return true;
    }

    private void removeFastestOfSlowest() {
        List<Profile> fastestList = null;
        for (List<Profile> list : slowest.values()) {
            if (fastestList == null || SLOWEST_FIRST.compare(list.get(list.size() - 1),
                    fastestList.get(fastestList.size() - 1)) > 0) {
                fastestList = list;
            }
        }
        if (fastestList == null) {
            throw new IllegalStateException("profile store holds " + bytes + " bytes but no profile");
        }
        release(fastestList.remove(fastestList.size() - 1));
        for (Iterator<List<Profile>> it = slowest.values().iterator(); it.hasNext();) {
            if (it.next().isEmpty()) {
                it.remove();
            }
        }
    }

    private void hold(Profile profile) {
        Held held = byId.get(profile.id());
        if (held == null) {
            byId.put(profile.id(), new Held(profile));
            bytes += profile.estimatedBytes();
        } else {
            held.references++;
        }
    }

    private void release(Profile profile) {
        Held held = byId.get(profile.id());
        if (held != null && --held.references == 0) {
            byId.remove(profile.id());
            bytes -= profile.estimatedBytes();
        }
    }

    private static final class Held {
        final Profile profile;
        int references = 1;

        Held(Profile profile) {
            this.profile = profile;
        }
    }

    /** Configures a {@link ProfileStore}; every setting is checked by {@link #build()}. */
    public static final class Builder {
        private int maxRecent = 100;
        private int maxSlowestPerRoute = 5;
        private int maxRoutes = 200;
        private long maxBytes = 32L * 1024 * 1024;

        private Builder() {
        }

        /**
         * Sets how many recent profiles are kept.
         *
         * @param max zero or more; default 100
         * @return this builder
         */
        public Builder maxRecent(int max) {
            this.maxRecent = max;
            return this;
        }

        /**
         * Sets how many of the slowest profiles of each route are kept.
         *
         * @param max zero or more; default 5
         * @return this builder
         */
        public Builder maxSlowestPerRoute(int max) {
            this.maxSlowestPerRoute = max;
            return this;
        }

        /**
         * Sets for how many routes the slowest profiles are kept.
         *
         * @param max at least 1; default 200
         * @return this builder
         */
        public Builder maxRoutes(int max) {
            this.maxRoutes = max;
            return this;
        }

        /**
         * Sets the memory all stored profiles may hold, by their estimate.
         *
         * @param max at least 64 KiB; default 32 MiB
         * @return this builder
         */
        public Builder maxBytes(long max) {
            this.maxBytes = max;
            return this;
        }

        /**
         * Checks the settings and builds the store.
         *
         * @return a new, empty store
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public ProfileStore build() {
            if (maxRecent < 0) {
                throw new IllegalArgumentException("maxRecent must be zero or more, but was " + maxRecent);
            }
            if (maxSlowestPerRoute < 0) {
                throw new IllegalArgumentException("maxSlowestPerRoute must be zero or more, but was " + maxSlowestPerRoute);
            }
            if (maxRoutes < 1) {
                throw new IllegalArgumentException("maxRoutes must be at least 1, but was " + maxRoutes);
            }
            if (maxBytes < 64 * 1024) {
                throw new IllegalArgumentException("maxBytes must be at least 65536, but was " + maxBytes);
            }
            if (maxRecent == 0 && maxSlowestPerRoute == 0) {
                throw new IllegalArgumentException("maxRecent and maxSlowestPerRoute must not both be 0: nothing would be kept");
            }
            return new ProfileStore(this);
        }
    }
}
