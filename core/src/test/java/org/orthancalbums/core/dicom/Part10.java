package org.orthancalbums.core.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Hand-made Part-10 bytes for the edge cases that no tool writes on purpose. */
final class Part10 {
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR",
            "UT", "UV");

    private Part10() {
    }

    /** Preamble, "DICM", a file meta information with this transfer syntax (none if null), then the data set. */
    static byte[] file(String transferSyntax, DataSet dataSet) {
        return file(transferSyntax, SECONDARY_CAPTURE, dataSet.bytes());
    }

    static byte[] file(String transferSyntax, String mediaStorageSopClass, byte[] dataSet) {
        DataSet meta = DataSet.explicitLittleEndian()
                .element(0x00020001, "OB", new byte[] {0, 1})
                .uid(0x00020002, mediaStorageSopClass)
                .uid(0x00020003, "1.2.3.4.5");
        if (transferSyntax != null) {
            meta.uid(0x00020010, transferSyntax);
        }
        byte[] metaBytes = meta.bytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(DataSet.explicitLittleEndian().element(0x00020000, "UL", ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN).putInt(metaBytes.length).array()).bytes());
        out.writeBytes(metaBytes);
        out.writeBytes(dataSet);
        return out.toByteArray();
    }

    /** Data set elements in one encoding, written as told (no sorting, no checks). */
    static final class DataSet {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final boolean explicit;
        private final ByteOrder order;

        private DataSet(boolean explicit, ByteOrder order) {
            this.explicit = explicit;
            this.order = order;
        }

        static DataSet explicitLittleEndian() {
            return new DataSet(true, ByteOrder.LITTLE_ENDIAN);
        }

        static DataSet explicitBigEndian() {
            return new DataSet(true, ByteOrder.BIG_ENDIAN);
        }

        static DataSet implicitLittleEndian() {
            return new DataSet(false, ByteOrder.LITTLE_ENDIAN);
        }

        DataSet element(int tag, String vr, byte[] value) {
            header(tag, vr, value.length);
            out.writeBytes(value);
            return this;
        }

        DataSet text(int tag, String vr, String value) {
            return text(tag, vr, value, StandardCharsets.UTF_8);
        }

        DataSet text(int tag, String vr, String value, Charset charset) {
            byte[] bytes = value.getBytes(charset);
            return element(tag, vr, bytes.length % 2 == 0 ? bytes : pad(bytes, (byte) ' '));
        }

        DataSet uid(int tag, String uid) {
            byte[] bytes = uid.getBytes(StandardCharsets.US_ASCII);
            return element(tag, "UI", bytes.length % 2 == 0 ? bytes : pad(bytes, (byte) 0));
        }

        /** An element header with an undefined length (a sequence, encapsulated pixel data, CP-246 UN). */
        DataSet undefined(int tag, String vr) {
            header(tag, vr, 0xFFFFFFFFL);
            return this;
        }

        DataSet item() {
            return delimiter(0xFFFEE000, 0xFFFFFFFFL);
        }

        DataSet item(byte[] content) {
            delimiter(0xFFFEE000, content.length);
            out.writeBytes(content);
            return this;
        }

        DataSet itemDelimiter() {
            return delimiter(0xFFFEE00D, 0);
        }

        DataSet sequenceDelimiter() {
            return delimiter(0xFFFEE0DD, 0);
        }

        DataSet raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private DataSet delimiter(int tag, long length) {
            out.writeBytes(ByteBuffer.allocate(8).order(order).putShort((short) (tag >>> 16)).putShort((short) tag)
                    .putInt((int) length).array());
            return this;
        }

        private void header(int tag, String vr, long length) {
            ByteBuffer buffer = ByteBuffer.allocate(12).order(order);
            buffer.putShort((short) (tag >>> 16)).putShort((short) tag);
            if (!explicit) {
                buffer.putInt((int) length);
            } else if (LONG_VRS.contains(vr)) {
                buffer.put(vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt((int) length);
            } else {
                buffer.put(vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) length);
            }
            out.write(buffer.array(), 0, buffer.position());
        }

        private static byte[] pad(byte[] bytes, byte padding) {
            byte[] padded = new byte[bytes.length + 1];
            System.arraycopy(bytes, 0, padded, 0, bytes.length);
            padded[bytes.length] = padding;
            return padded;
        }
    }
}
