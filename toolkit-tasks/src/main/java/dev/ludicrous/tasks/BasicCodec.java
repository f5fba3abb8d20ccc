package dev.ludicrous.tasks;

import java.util.Set;
import java.util.UUID;

/** The codec used when Jackson is absent: strings, boxed primitives and UUIDs as their text. */
final class BasicCodec implements Codec {
    private static final Set<Class<?>> TYPES = Set.of(String.class, Integer.class, Long.class, Short.class, Byte.class,
            Double.class, Float.class, Boolean.class, Character.class, UUID.class);

    @Override
    public String encode(Object value) {
        if (!supports(value.getClass())) {
            throw new IllegalArgumentException(unsupported(value.getClass()));
        }
        return value.toString();
    }

    @Override
    public <T> T decode(String text, Class<T> type) {
        Object value;
        try {
            if (type == String.class) {
                value = text;
            } else if (type == Integer.class) {
                value = Integer.valueOf(text);
            } else if (type == Long.class) {
                value = Long.valueOf(text);
            } else if (type == Short.class) {
                value = Short.valueOf(text);
            } else if (type == Byte.class) {
                value = Byte.valueOf(text);
            } else if (type == Double.class) {
                value = Double.valueOf(text);
            } else if (type == Float.class) {
                value = Float.valueOf(text);
            } else if (type == Boolean.class) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException("'" + text + "' is neither true nor false");
                }
                value = Boolean.valueOf(text);
            } else if (type == Character.class) {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("'" + text + "' is not one character");
                }
                value = text.charAt(0);
            } else if (type == UUID.class) {
                value = UUID.fromString(text);
            } else {
                throw new IllegalArgumentException(unsupported(type));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot decode '" + TaskMessage.abbreviate(text) + "' as "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        return type.cast(value);
    }

    @Override
    public boolean supports(Class<?> type) {
        return TYPES.contains(type);
    }

    static String unsupported(Class<?> type) {
        return "the basic codec handles String, boxed primitives and UUID, not " + type.getName()
                + ": add com.fasterxml.jackson.core:jackson-databind or set Tasks.builder().codec(...)";
    }
}
