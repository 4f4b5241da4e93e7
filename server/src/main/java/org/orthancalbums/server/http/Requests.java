package org.orthancalbums.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import org.orthancalbums.core.api.Json;

/** Parsing what callers send: JSON bodies, paging, flags. Every failure is a 400 that says what is wrong. */
public final class Requests {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** The plugin's bodies are a few hundred bytes; OE2's token requests list a few resources. As any JSON body. */
    static final int MAX_PLUGIN_BODY = 1_000_000;
    private static final ObjectMapper STRICT = Json.strictMapper();
    private static final ObjectMapper LENIENT = Json.lenientMapper();

    private Requests() {
    }

    /** A request body of the album API: unknown fields are refused, so typos are not silently ignored. */
    public static <T> T body(Context ctx, Class<T> type) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON body");
        }
        try {
            T value = STRICT.readValue(text, type);
            if (value == null) {
                throw ApiException.badRequest("the request body must be a JSON object");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.badRequest("unknown field '" + e.getPropertyName() + "'");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the request body is not valid JSON for this route (" + e.getOriginalMessage() + ")");
        }
    }

    /**
     * A body in the plugin's or OE2's format: any JSON object; newer versions add fields we do not know. Read from
     * the request stream once, bounded: the plugin calls on every request a user makes, and Javalin's bodyAsBytes
     * copied each body through several fresh buffers.
     */
    public static JsonNode pluginBody(Context ctx) {
        try {
            // read to the end, a chunked body's last chunk included: a parser stops after the object, and a request
            // left unread makes Jetty drop the connection the plugin (or any client) would reuse next
            JsonNode node = LENIENT.readTree(new LimitedInputStream(ctx.req().getInputStream(), MAX_PLUGIN_BODY).readAllBytes());
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("the request body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the request body is not valid JSON");
        }
    }

    public static int offset(Context ctx) {
        return intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    }

    public static int limit(Context ctx) {
        return intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    public static boolean flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw ApiException.badRequest("'" + name + "' must be true or false");
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < min || parsed > max) {
                throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("'" + name + "' must be a whole number");
        }
    }

    /** Reads at most {@code limit} bytes, then refuses with 413 instead of reading on. */
    private static final class LimitedInputStream extends java.io.FilterInputStream {
        private long left;

        LimitedInputStream(java.io.InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            left -= n;
            if (left < 0) {
                throw new ApiException(413, "too_large", "the request body is larger than " + MAX_PLUGIN_BODY + " bytes");
            }
        }
    }
}
