package org.orthancalbums.core.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** One Jackson configuration for the API, on both sides of the wire. */
public final class Json {
    private Json() {
    }

    /** Tolerant reader (clients ignore fields added by newer servers); ISO-8601 times. */
    public static ObjectMapper lenientMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Strict reader for request bodies: unknown fields are a client error, not silently dropped. */
    public static ObjectMapper strictMapper() {
        return lenientMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
