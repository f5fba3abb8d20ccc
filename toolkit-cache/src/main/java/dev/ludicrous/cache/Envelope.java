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
