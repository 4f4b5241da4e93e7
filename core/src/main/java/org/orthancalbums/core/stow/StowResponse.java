package org.orthancalbums.core.stow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The body of a STOW-RS response, the Store Instances Response Module (PS3.18 Annex I, Table I.1-1), and its DICOM
 * JSON form (PS3.18 Annex F):
 * <ul>
 *   <li>(0008,1190) Retrieve URL (UR) of the study, type 2;</li>
 *   <li>(0008,1198) Failed SOP Sequence: (0008,1150) Referenced SOP Class UID, (0008,1155) Referenced SOP Instance UID,
 *       (0008,1197) Failure Reason (US);</li>
 *   <li>(0008,1199) Referenced SOP Sequence: the same two UIDs, (0008,1190) Retrieve URL of the instance, and
 *       (0008,1196) Warning Reason (US) when the instance was stored with a warning.</li>
 * </ul>
 *
 * <p>{@link #parse} reads what Orthanc's DICOMweb plugin and other servers send: sequences present and empty
 * ({@code {"vr":"SQ"}}) or absent, numbers for US values or their decimal text, unknown attributes ignored.
 * {@link #toJson} writes the standard form: empty sequences are left out (they are type 1C), an unknown UID or URL is
 * written as an attribute without a value.
 *
 * @param retrieveUrl the study's Retrieve URL, or null
 * @param referenced  the instances stored, in request order
 * @param failed      the instances not stored, in request order
 */
public record StowResponse(String retrieveUrl, List<Stored> referenced, List<Failed> failed) {
    private static final String RETRIEVE_URL = "00081190";
    private static final String REFERENCED_SOP_CLASS_UID = "00081150";
    private static final String REFERENCED_SOP_INSTANCE_UID = "00081155";
    private static final String WARNING_REASON = "00081196";
    private static final String FAILURE_REASON = "00081197";
    private static final String FAILED_SOP_SEQUENCE = "00081198";
    private static final String REFERENCED_SOP_SEQUENCE = "00081199";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public StowResponse {
        referenced = List.copyOf(referenced);
        failed = List.copyOf(failed);
    }

    /** One instance stored. */
    public record Stored(String sopClassUid, String sopInstanceUid, String retrieveUrl, Integer warningReason) {
        public Stored(String sopClassUid, String sopInstanceUid, String retrieveUrl) {
            this(sopClassUid, sopInstanceUid, retrieveUrl, null);
        }
    }

    /**
     * One instance not stored. UIDs are null when the part could not even be read as DICOM.
     *
     * @param failureReason a (0008,1197) value: one of {@link FailureReason} or another code of the server
     * @param description   our own explanation for logs and messages; DICOM JSON has no place for it, so
     *                      {@link #toJson} leaves it out and {@link #parse} gives null
     */
    public record Failed(String sopClassUid, String sopInstanceUid, int failureReason, String description) {
        public Failed(String sopClassUid, String sopInstanceUid, int failureReason) {
            this(sopClassUid, sopInstanceUid, failureReason, null);
        }

        /** The description if there is one, else the standard meaning of the failure reason, else its code. */
        public String reasonText() {
            if (description != null) {
                return description;
            }
            return FailureReason.of(failureReason).map(FailureReason::meaning)
                    .orElse(String.format("failure reason 0x%04X", failureReason));
        }
    }

    /** Standard Failure Reason (0008,1197) values, PS3.18 Table I.2-2. */
    public enum FailureReason {
        OUT_OF_RESOURCES(0xA700, 0xFF00, "refused: out of resources"),
        DATA_SET_DOES_NOT_MATCH_SOP_CLASS(0xA900, 0xFF00, "error: data set does not match SOP class"),
        // Before CANNOT_UNDERSTAND, whose range holds it: of() returns the first match.
        REFERENCED_TRANSFER_SYNTAX_NOT_SUPPORTED(0xC122, 0xFFFF, "referenced transfer syntax not supported"),
        CANNOT_UNDERSTAND(0xC000, 0xF000, "error: cannot understand"),
        PROCESSING_FAILURE(0x0110, 0xFFFF, "processing failure"),
        REFERENCED_SOP_CLASS_NOT_SUPPORTED(0x0122, 0xFFFF, "referenced SOP class not supported");

        private final int code;
        /** The standard gives ranges for some reasons (A7xx, A9xx, Cxxx): the bits a code of the range shares. */
        private final int mask;
        private final String meaning;

        FailureReason(int code, int mask, String meaning) {
            this.code = code;
            this.mask = mask;
            this.meaning = meaning;
        }

        /** The value to send; for a range, its first code. */
        public int code() {
            return code;
        }

        public String meaning() {
            return meaning;
        }

        /** The standard reason of a code, ranges included (0xA701 is {@link #OUT_OF_RESOURCES}). */
        public static Optional<FailureReason> of(int code) {
            for (FailureReason reason : values()) {
                if ((code & reason.mask) == reason.code) {
                    return Optional.of(reason);
                }
            }
            return Optional.empty();
        }
    }

    /** Standard Warning Reason (0008,1196) values, PS3.18 Table I.2-1. */
    public enum WarningReason {
        COERCION_OF_DATA_ELEMENTS(0xB000),
        ELEMENTS_DISCARDED(0xB006),
        DATA_SET_DOES_NOT_MATCH_SOP_CLASS(0xB007);

        private final int code;

        WarningReason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /**
     * The HTTP status of this response (PS3.18 §10.5.3): 200 when every instance was stored without warning, 202 when
     * some were stored and others failed or had warnings, 409 when none was stored. A response about no instance at
     * all gives 400 (the request held none); a request that could not be read is the caller's 400 too.
     */
    public int httpStatus() {
        if (referenced.isEmpty()) {
            return failed.isEmpty() ? 400 : 409;
        }
        boolean warnings = referenced.stream().anyMatch(stored -> stored.warningReason() != null);
        return failed.isEmpty() && !warnings ? 200 : 202;
    }

    public static StowResponse parse(byte[] json) throws IOException {
        return fromTree(MAPPER.readTree(json));
    }

    public static StowResponse parse(InputStream json) throws IOException {
        return fromTree(MAPPER.readTree(json));
    }

    /** The DICOM JSON form, for an {@code application/dicom+json} response. */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        putValue(root, RETRIEVE_URL, "UR", retrieveUrl);
        if (!failed.isEmpty()) {
            ArrayNode items = sequence(root, FAILED_SOP_SEQUENCE);
            for (Failed failure : failed) {
                ObjectNode item = items.addObject();
                putValue(item, REFERENCED_SOP_CLASS_UID, "UI", failure.sopClassUid());
                putValue(item, REFERENCED_SOP_INSTANCE_UID, "UI", failure.sopInstanceUid());
                putValue(item, FAILURE_REASON, "US", failure.failureReason());
            }
        }
        if (!referenced.isEmpty()) {
            ArrayNode items = sequence(root, REFERENCED_SOP_SEQUENCE);
            for (Stored stored : referenced) {
                ObjectNode item = items.addObject();
                putValue(item, REFERENCED_SOP_CLASS_UID, "UI", stored.sopClassUid());
                putValue(item, REFERENCED_SOP_INSTANCE_UID, "UI", stored.sopInstanceUid());
                putValue(item, RETRIEVE_URL, "UR", stored.retrieveUrl());
                if (stored.warningReason() != null) {
                    putValue(item, WARNING_REASON, "US", stored.warningReason());
                }
            }
        }
        return root.toString();
    }

    private static ArrayNode sequence(ObjectNode parent, String tag) {
        return parent.putObject(tag).put("vr", "SQ").putArray("Value");
    }

    /** An attribute {"vr":..., "Value":[value]}, or without "Value" when value is null (PS3.18 §F.2.5). */
    private static void putValue(ObjectNode parent, String tag, String vr, Object value) {
        ObjectNode attribute = parent.putObject(tag).put("vr", vr);
        if (value instanceof Integer number) {
            attribute.putArray("Value").add(number);
        } else if (value != null) {
            attribute.putArray("Value").add(value.toString());
        }
    }

    private static StowResponse fromTree(JsonNode root) throws IOException {
        if (root != null && root.isArray() && root.size() == 1) {
            root = root.get(0); // some servers wrap the data set in an array, as a search result
        }
        if (root == null || !root.isObject()) {
            throw new IOException("a STOW-RS response is a DICOM JSON object, not "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        List<Stored> referenced = new ArrayList<>();
        for (JsonNode item : items(root, REFERENCED_SOP_SEQUENCE)) {
            referenced.add(new Stored(text(item, REFERENCED_SOP_CLASS_UID), text(item, REFERENCED_SOP_INSTANCE_UID),
                    text(item, RETRIEVE_URL), number(item, WARNING_REASON)));
        }
        List<Failed> failed = new ArrayList<>();
        for (JsonNode item : items(root, FAILED_SOP_SEQUENCE)) {
            Integer reason = number(item, FAILURE_REASON);
            // Type 1, but an item without it still reports a failure: count it as the generic one.
            failed.add(new Failed(text(item, REFERENCED_SOP_CLASS_UID), text(item, REFERENCED_SOP_INSTANCE_UID),
                    reason != null ? reason : FailureReason.PROCESSING_FAILURE.code()));
        }
        return new StowResponse(text(root, RETRIEVE_URL), referenced, failed);
    }

    private static List<JsonNode> items(JsonNode dataSet, String tag) {
        List<JsonNode> items = new ArrayList<>();
        value(dataSet, tag).forEach(item -> { // a missing node iterates over nothing
            if (item.isObject()) {
                items.add(item);
            }
        });
        return items;
    }

    private static String text(JsonNode dataSet, String tag) {
        JsonNode first = first(dataSet, tag);
        return first.isValueNode() && !first.isNull() ? first.asText() : null;
    }

    private static Integer number(JsonNode dataSet, String tag) throws IOException {
        JsonNode first = first(dataSet, tag);
        if (first.isNumber()) {
            return first.intValue();
        }
        if (first.isTextual()) { // Orthanc's plugin sets US values from text; accept the text itself too
            try {
                return Integer.valueOf(first.asText().strip());
            } catch (NumberFormatException e) {
                throw new IOException("attribute " + tag + " is not a number: \"" + first.asText() + "\"", e);
            }
        }
        return null;
    }

    /** The first value of an attribute, or a missing node. */
    private static JsonNode first(JsonNode dataSet, String tag) {
        JsonNode value = value(dataSet, tag);
        return value.isArray() ? value.path(0) : value;
    }

    /**
     * The "Value" of an attribute, normally an array; a bare value given in place of the {"vr", "Value"} object is
     * accepted. A missing node when the attribute or its value is absent.
     */
    private static JsonNode value(JsonNode dataSet, String tag) {
        JsonNode attribute = dataSet.path(tag);
        return attribute.isObject() ? attribute.path("Value") : attribute;
    }
}
