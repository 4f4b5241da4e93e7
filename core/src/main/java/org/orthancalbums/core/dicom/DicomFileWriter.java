package org.orthancalbums.core.dicom;

import static org.orthancalbums.core.dicom.FileMetaInformation.element;
import static org.orthancalbums.core.dicom.FileMetaInformation.text;
import static org.orthancalbums.core.dicom.FileMetaInformation.uid;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes small, valid DICOM Part-10 files (explicit VR little endian) for demo data, tests and
 * benchmarks: a secondary-capture image with the identifying attributes Orthanc indexes.
 * Real-world files for the reader's tests come from other tools (dcmtk, pydicom), not from here.
 */
public final class DicomFileWriter {
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

    /** What identifies one synthetic instance; pixel data is a gradient of {@code rows x columns} 16-bit pixels. */
    public record Instance(String patientId, String patientName, String studyInstanceUid, String seriesInstanceUid,
                           String sopInstanceUid, String studyDate, String studyDescription, String modality,
                           int seriesNumber, int instanceNumber, int rows, int columns) {
    }

    private DicomFileWriter() {
    }

    public static byte[] write(Instance instance) {
        Map<Integer, byte[]> data = new TreeMap<>(Integer::compareUnsigned);
        put(data, 0x00080005, "CS", text("ISO_IR 192"));
        put(data, 0x00080016, "UI", uid(SECONDARY_CAPTURE));
        put(data, 0x00080018, "UI", uid(instance.sopInstanceUid()));
        put(data, 0x00080020, "DA", text(instance.studyDate()));
        put(data, 0x00080030, "TM", text("120000"));
        put(data, 0x00080050, "SH", text("A" + Math.abs(instance.studyInstanceUid().hashCode() % 1_000_000)));
        put(data, 0x00080060, "CS", text(instance.modality()));
        put(data, 0x00080064, "CS", text("WSD"));
        put(data, 0x00080080, "LO", text("Orthanc Albums Demo Hospital"));
        put(data, 0x00080090, "PN", text("Referring^Doctor"));
        put(data, 0x00081030, "LO", text(instance.studyDescription()));
        put(data, 0x0008103E, "LO", text("Series " + instance.seriesNumber()));
        put(data, 0x00100010, "PN", text(instance.patientName()));
        put(data, 0x00100020, "LO", text(instance.patientId()));
        put(data, 0x00100030, "DA", text("19700101"));
        put(data, 0x00100040, "CS", text("O"));
        put(data, 0x0020000D, "UI", uid(instance.studyInstanceUid()));
        put(data, 0x0020000E, "UI", uid(instance.seriesInstanceUid()));
        put(data, 0x00200010, "SH", text("1"));
        put(data, 0x00200011, "IS", text(Integer.toString(instance.seriesNumber())));
        put(data, 0x00200013, "IS", text(Integer.toString(instance.instanceNumber())));
        put(data, 0x00280002, "US", us(1));
        put(data, 0x00280004, "CS", text("MONOCHROME2"));
        put(data, 0x00280010, "US", us(instance.rows()));
        put(data, 0x00280011, "US", us(instance.columns()));
        put(data, 0x00280100, "US", us(16));
        put(data, 0x00280101, "US", us(12));
        put(data, 0x00280102, "US", us(11));
        put(data, 0x00280103, "US", us(0));
        put(data, 0x7FE00010, "OW", pixels(instance));

        ByteArrayOutputStream out = new ByteArrayOutputStream(instance.rows() * instance.columns() * 2 + 2048);
        out.writeBytes(FileMetaInformation.of(SECONDARY_CAPTURE, instance.sopInstanceUid(), EXPLICIT_VR_LITTLE_ENDIAN));
        data.forEach((tag, element) -> out.writeBytes(element));
        return out.toByteArray();
    }

    private static void put(Map<Integer, byte[]> target, int tag, String vr, byte[] value) {
        target.put(tag, element(tag, vr, value));
    }

    private static byte[] us(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8)};
    }

    private static byte[] pixels(Instance instance) {
        ByteBuffer buffer = ByteBuffer.allocate(instance.rows() * instance.columns() * 2).order(ByteOrder.LITTLE_ENDIAN);
        int seed = instance.instanceNumber() * 37 + instance.seriesNumber() * 101;
        for (int y = 0; y < instance.rows(); y++) {
            for (int x = 0; x < instance.columns(); x++) {
                int dx = x - instance.columns() / 2;
                int dy = y - instance.rows() / 2;
                buffer.putShort((short) (((dx * dx + dy * dy) / 4 + seed) & 0x0FFF));
            }
        }
        return buffer.array();
    }
}
