package org.orthancalbums.core.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The start of a DICOM Part-10 file: the 128-byte preamble, "DICM" and the file meta information (group 0002), which
 * names the instance and the transfer syntax of the data set that follows. It starts {@link DicomFileWriter}'s files,
 * and is put in front of the bare data sets that some CDs hold, since a STOW-RS part must be a Part-10 file.
 */
public final class FileMetaInformation {
    /** Implementation Class UID (0002,0012): the project's UID root. */
    public static final String IMPLEMENTATION_CLASS_UID = "1.2.826.0.1.3680043.10.1187";
    /** Implementation Version Name (0002,0013). */
    public static final String IMPLEMENTATION_VERSION_NAME = "ALBUMS_0_1";

    private FileMetaInformation() {
    }

    /** Preamble, "DICM" and the meta information group for a data set of this instance in this transfer syntax. */
    public static byte[] of(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        ByteArrayOutputStream group = new ByteArrayOutputStream();
        group.writeBytes(element(0x00020001, "OB", new byte[] {0, 1})); // File Meta Information Version
        group.writeBytes(element(0x00020002, "UI", uid(sopClassUid)));
        group.writeBytes(element(0x00020003, "UI", uid(sopInstanceUid)));
        group.writeBytes(element(0x00020010, "UI", uid(transferSyntaxUid)));
        group.writeBytes(element(0x00020012, "UI", uid(IMPLEMENTATION_CLASS_UID)));
        group.writeBytes(element(0x00020013, "SH", text(IMPLEMENTATION_VERSION_NAME)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(144 + group.size());
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(element(0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(group.size()).array()));
        out.writeBytes(group.toByteArray());
        return out.toByteArray();
    }

    /** An element in explicit VR little endian: the meta information's encoding, and that of DicomFileWriter's data sets. */
    static byte[] element(int tag, String vr, byte[] value) {
        boolean longForm = vr.equals("OB") || vr.equals("OW") || vr.equals("UN") || vr.equals("SQ") || vr.equals("UT");
        ByteBuffer buffer = ByteBuffer.allocate(value.length + (longForm ? 12 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putShort((short) (tag >>> 16)).putShort((short) tag);
        buffer.put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longForm) {
            buffer.putShort((short) 0).putInt(value.length);
        } else {
            buffer.putShort((short) value.length);
        }
        return buffer.put(value).array();
    }

    /** Text padded with a space to an even length, as DICOM requires. */
    static byte[] text(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return bytes.length % 2 == 0 ? bytes : pad(bytes, (byte) ' ');
    }

    /** A UID padded with a NUL to an even length. */
    static byte[] uid(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        return bytes.length % 2 == 0 ? bytes : pad(bytes, (byte) 0);
    }

    private static byte[] pad(byte[] bytes, byte padding) {
        byte[] padded = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        padded[bytes.length] = padding;
        return padded;
    }
}
