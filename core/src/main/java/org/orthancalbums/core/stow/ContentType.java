package org.orthancalbums.core.stow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Content-Type header value (RFC 7231 §3.1.1.1, RFC 2045 §5.1): {@code type/subtype} in lower case and its
 * parameters, names in lower case, values as sent (a boundary is case-sensitive), in header order.
 *
 * <p>Lenient where real clients differ from the grammar: white space is allowed around {@code ;} and {@code =}, empty
 * parameters ({@code ;;}, a trailing {@code ;}) are skipped, and an unquoted value may hold any visible character but
 * {@code ;} and {@code "} ({@code boundary=----=_Part_1} is common although {@code =} should be quoted). Strict where
 * ambiguity could be abused: a parameter given twice is an error, not "first wins" or "last wins".
 *
 * @param type       lower case, e.g. {@code multipart}
 * @param subtype    lower case, e.g. {@code related}
 * @param parameters unmodifiable, lower-case names, in header order
 */
public record ContentType(String type, String subtype, Map<String, String> parameters) {
    public static final String MULTIPART_RELATED = "multipart/related";
    public static final String APPLICATION_DICOM = "application/dicom";
    /** The media type of a STOW-RS response in DICOM JSON (PS3.18 Annex F). */
    public static final String APPLICATION_DICOM_JSON = "application/dicom+json";
    /** RFC 2046 §5.1.1: a boundary has 1 to 70 characters. */
    public static final int MAX_BOUNDARY_LENGTH = 70;
    /** RFC 7230 §3.2.6 tchar, besides letters and digits. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    public ContentType {
        requireToken(type, "type");
        requireToken(subtype, "subtype");
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            requireToken(name, "parameter name");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\t' && (c < 0x20 || c == 0x7F)) { // CR and LF would let a value inject header lines
                    throw new IllegalArgumentException("control character in parameter " + name);
                }
            }
            if (copy.put(name.toLowerCase(Locale.ROOT), value) != null) {
                throw new IllegalArgumentException("duplicate parameter " + name);
            }
        });
        parameters = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a header value such as {@code multipart/related; type="application/dicom"; boundary=abc}.
     *
     * @throws IllegalArgumentException with the reason when the value is empty or malformed
     */
    public static ContentType parse(String header) {
        if (header == null || header.isBlank()) {
            throw new IllegalArgumentException("empty Content-Type");
        }
        Scanner in = new Scanner(header);
        in.skipSpaces();
        String type = in.token("media type");
        if (!in.skip('/')) {
            throw new IllegalArgumentException("Content-Type without a subtype: " + header);
        }
        String subtype = in.token("media subtype");
        Map<String, String> parameters = new LinkedHashMap<>();
        in.skipSpaces();
        while (!in.atEnd()) {
            if (!in.skip(';')) {
                throw new IllegalArgumentException("expected ';' at position " + in.pos + " of Content-Type: " + header);
            }
            in.skipSpaces();
            if (in.atEnd() || in.peek() == ';') {
                continue; // empty parameter
            }
            String name = in.token("parameter name").toLowerCase(Locale.ROOT);
            in.skipSpaces();
            if (!in.skip('=')) {
                throw new IllegalArgumentException("parameter " + name + " without a value in Content-Type: " + header);
            }
            in.skipSpaces();
            String value = in.peek() == '"' ? in.quoted() : in.unquoted();
            if (parameters.put(name, value) != null) {
                throw new IllegalArgumentException("duplicate parameter " + name + " in Content-Type: " + header);
            }
            in.skipSpaces();
        }
        return new ContentType(type, subtype, parameters);
    }

    /** {@code type/subtype}, lower case. */
    public String mediaType() {
        return type + "/" + subtype;
    }

    /** Whether the media type is {@code mediaType} (case-insensitive), whatever the parameters. */
    public boolean is(String mediaType) {
        return mediaType().equalsIgnoreCase(mediaType);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The {@code boundary} parameter of a multipart type, checked with {@link #checkBoundary}.
     *
     * @throws IllegalArgumentException when this is not multipart, or has no or an invalid boundary
     */
    public String boundary() {
        if (!type.equals("multipart")) {
            throw new IllegalArgumentException(mediaType() + " is not a multipart type");
        }
        return checkBoundary(parameter("boundary")
                .orElseThrow(() -> new IllegalArgumentException(mediaType() + " without a boundary")));
    }

    /**
     * Checks a multipart boundary: 1 to 70 characters, not ending with a space (RFC 2046 §5.1.1). Any printable
     * US-ASCII character is accepted, not only the RFC's {@code bchars}: other characters break nothing (a boundary
     * is compared byte for byte), and some clients use them. Returns the boundary.
     */
    public static String checkBoundary(String boundary) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH) {
            throw new IllegalArgumentException("a multipart boundary has 1 to " + MAX_BOUNDARY_LENGTH
                    + " characters, not " + boundary.length());
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("invalid character 0x" + Integer.toHexString(c)
                        + " in multipart boundary");
            }
        }
        if (boundary.endsWith(" ")) {
            throw new IllegalArgumentException("a multipart boundary cannot end with a space");
        }
        return boundary;
    }

    /** The header value: parameter values are quoted when they are not tokens. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(mediaType());
        parameters.forEach((name, value) -> {
            out.append("; ").append(name).append('=');
            if (isToken(value)) {
                out.append(value);
            } else {
                out.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"' || c == '\\') {
                        out.append('\\');
                    }
                    out.append(c);
                }
                out.append('"');
            }
        });
        return out.toString();
    }

    private static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_SYMBOLS.indexOf(c) >= 0;
    }

    private static void requireToken(String value, String what) {
        if (!isToken(value)) {
            throw new IllegalArgumentException("invalid " + what + ": \"" + value + "\"");
        }
    }

    /** A cursor over the header value. */
    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        char peek() {
            return atEnd() ? 0 : text.charAt(pos);
        }

        boolean skip(char c) {
            if (peek() == c && !atEnd()) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpaces() {
            while (!atEnd() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        String token(String what) {
            int start = pos;
            while (!atEnd() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("expected a " + what + " at position " + start
                        + " of Content-Type: " + text);
            }
            return text.substring(start, pos);
        }

        /** Any visible character but ';' and '"' (see the class comment). */
        String unquoted() {
            int start = pos;
            while (!atEnd()) {
                char c = text.charAt(pos);
                if (c <= ' ' || c == 0x7F || c == ';' || c == '"') {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw new IllegalArgumentException("expected a parameter value at position " + start
                        + " of Content-Type: " + text);
            }
            return text.substring(start, pos);
        }

        /** RFC 7230 §3.2.6 quoted-string, with quoted-pairs. */
        String quoted() {
            StringBuilder value = new StringBuilder();
            pos++; // opening quote
            while (!atEnd()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    c = text.charAt(pos++);
                }
                value.append(c);
            }
            throw new IllegalArgumentException("unterminated quoted string in Content-Type: " + text);
        }
    }
}
