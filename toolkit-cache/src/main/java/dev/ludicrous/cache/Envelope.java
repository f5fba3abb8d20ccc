package dev.ludicrous.cache;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The bytes stored in Redis for one entry: a magic header, the codec id, the namespaces the entry
 * depends on with the versions captured before its loader ran, a checksum, then the codec's bytes.
 * Anything that does not parse, or whose checksum differs, is rejected before the codec sees it.
 */
record Envelope(String codecId, String[] namespaces, long[] versions, byte[] payload) {
    private static final byte[] MAGIC = {'L', 'D', 'C', 1};

    static byte[] write(String codecId, String[] namespaces, long[] versions, byte[] payload) {
        byte[] id = codecId.getBytes(StandardCharsets.US_ASCII);
        byte[][] names = new byte[namespaces.length][];
        int size = MAGIC.length + 1 + id.length + 2 + 4 + payload.length;
        for (int i = 0; i < namespaces.length; i++) {
            names[i] = namespaces[i].getBytes(StandardCharsets.UTF_8);
            size += 2 + names[i].length + 8;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(MAGIC).put((byte) id.length).put(id).putShort((short) namespaces.length);
        for (int i = 0; i < names.length; i++) {
            out.putShort((short) names[i].length).put(names[i]).putLong(versions[i]);
        }
        out.putInt(checksum(payload, 0, payload.length)).put(payload);
        return out.array();
    }

    /**
     * Parses stored bytes.
     *
     * @throws CorruptValueException when the bytes are not an envelope written by {@link #write}
     */
    static Envelope read(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            for (byte b : MAGIC) {
                if (in.get() != b) {
                    throw new CorruptValueException("it does not start with the Ludicrous cache header");
                }
            }
            byte[] id = new byte[Byte.toUnsignedInt(in.get())];
            in.get(id);
            int count = Short.toUnsignedInt(in.getShort());
            String[] namespaces = new String[count];
            long[] versions = new long[count];
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                namespaces[i] = new String(name, StandardCharsets.UTF_8);
                versions[i] = in.getLong();
            }
            int expected = in.getInt();
            byte[] payload = new byte[in.remaining()];
            in.get(payload);
            if (checksum(payload, 0, payload.length) != expected) {
                throw new CorruptValueException("its checksum does not match its bytes");
            }
            return new Envelope(new String(id, StandardCharsets.US_ASCII), namespaces, versions, payload);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new CorruptValueException("it is truncated");
        }
    }

    /** Returned by {@link #payloadOffset} for an envelope of other namespaces or versions: stale. */
    static final int STALE = -1;
    /** Returned by {@link #payloadOffset} for an envelope written by another codec. */
    static final int OTHER_CODEC = -2;

    /**
     * Checks stored bytes against what a reader expects without copying them (the hot path of a
     * remote hit): returns where the payload starts when the bytes are an envelope of codec
     * {@code codecId} for exactly these namespaces at these versions, with a matching checksum;
     * {@link #STALE} or {@link #OTHER_CODEC} otherwise.
     *
     * @param namespaces the UTF-8 bytes of each namespace, sorted as when written
     * @throws CorruptValueException when the bytes are not an envelope written by {@link #write}
     */
    static int payloadOffset(byte[] bytes, byte[] codecId, byte[][] namespaces, long[] current) {
        try {
            for (int i = 0; i < MAGIC.length; i++) {
                if (bytes[i] != MAGIC[i]) {
                    throw new CorruptValueException("it does not start with the Ludicrous cache header");
                }
            }
            int at = MAGIC.length;
            int idLength = Byte.toUnsignedInt(bytes[at++]);
            boolean sameCodec = java.util.Arrays.equals(bytes, at, at + idLength, codecId, 0, codecId.length);
            at += idLength;
            int count = unsignedShort(bytes, at);
            at += 2;
            boolean fresh = count == namespaces.length;
            for (int i = 0; i < count; i++) {
                int nameLength = unsignedShort(bytes, at);
                at += 2;
                if (fresh && (!java.util.Arrays.equals(bytes, at, at + nameLength, namespaces[i], 0, namespaces[i].length)
                        || readLong(bytes, at + nameLength) != current[i])) {
                    fresh = false;
                }
                at += nameLength + 8;
            }
            int expected = readInt(bytes, at);
            at += 4;
            if (at > bytes.length) {
                throw new CorruptValueException("it is truncated");
            }
            if (checksum(bytes, at, bytes.length - at) != expected) {
                throw new CorruptValueException("its checksum does not match its bytes");
            }
            if (!sameCodec) {
                return OTHER_CODEC;
            }
            return fresh ? at : STALE;
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new CorruptValueException("it is truncated");
        }
    }

    /** The codec id of bytes that {@link #payloadOffset} found to be of another codec; for the log line. */
    static String codecIdOf(byte[] bytes) {
        return new String(bytes, MAGIC.length + 1, Byte.toUnsignedInt(bytes[MAGIC.length]), StandardCharsets.US_ASCII);
    }

    private static int unsignedShort(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 8 | bytes[at + 1] & 0xff;
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
    }

    private static long readLong(byte[] bytes, int at) {
        return (long) readInt(bytes, at) << 32 | readInt(bytes, at + 4) & 0xffffffffL;
    }

    private static int checksum(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Bytes under our key that we did not write, or that were damaged. */
    static final class CorruptValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CorruptValueException(String reason) {
            super(reason, null, false, false);
        }
    }
}
