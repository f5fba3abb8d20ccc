package dev.ludicrous.cache;

/** Encoding a value with the limits a cache enforces. */
final class Values {
    private Values() {
    }

    /**
     * @throws IllegalArgumentException naming the cache, key, type and codec when the codec fails,
     *     or the size and the limit when the value is too large
     */
    static <V> byte[] encode(Store<V> store, String key, V value, int maxValueBytes) {
        byte[] bytes;
        try {
            bytes = store.codec.encode(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cache '" + store.name + "' cannot store key '" + key + "': codec '"
                    + store.codec.id() + "' failed to encode a " + value.getClass().getName() + " (" + e + ")", e);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("Cache '" + store.name + "' cannot store key '" + key + "': codec '"
                    + store.codec.id() + "' returned null for a " + value.getClass().getName());
        }
        if (bytes.length > maxValueBytes) {
            throw new IllegalArgumentException("Cache '" + store.name + "' cannot store key '" + key + "': its value ("
                    + value.getClass().getName() + ") encodes to " + bytes.length + " bytes, over maxValueBytes "
                    + maxValueBytes);
        }
        return bytes;
    }
}
