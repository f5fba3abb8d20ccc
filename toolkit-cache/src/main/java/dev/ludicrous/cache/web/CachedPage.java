package dev.ludicrous.cache.web;

import dev.ludicrous.cache.Codec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A cached 200 response: the headers to replay (name, value pairs), its ETag and its body. */
record CachedPage(List<String> headers, String etag, byte[] body) {
    /** Length-prefixed fields; no Java serialization. */
    static final Codec<CachedPage> CODEC = Codec.of("ludicrous-page:1", CachedPage::encode, CachedPage::decode);

    private static byte[] encode(CachedPage page) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(page.body.length + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(page.etag);
            out.writeShort(page.headers.size());
            for (String field : page.headers) {
                out.writeUTF(field);
            }
            out.writeInt(page.body.length);
            out.write(page.body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static CachedPage decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String etag = in.readUTF();
            int count = in.readUnsignedShort();
            List<String> headers = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                headers.add(in.readUTF());
            }
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            if (in.available() != 0 || headers.size() % 2 != 0) {
                throw new IllegalArgumentException("not a cached page");
            }
            return new CachedPage(List.copyOf(headers), etag, body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a cached page: " + e.getMessage(), e);
        }
    }
}
