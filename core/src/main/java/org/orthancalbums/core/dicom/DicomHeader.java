package org.orthancalbums.core.dicom;

/**
 * The identifying attributes of one DICOM Part-10 file, or of a bare data set, as read by {@link DicomHeaderReader}.
 *
 * <p>Every attribute is {@code null} when the file does not have it or when its value is empty. Text values have
 * their trailing spaces and NULs removed and are decoded with the file's Specific Character Set; multi-valued
 * values are returned as stored, with their backslashes. {@code sopClassUid} and {@code sopInstanceUid} fall back
 * to the file meta information's Media Storage SOP Class/Instance UID when the data set lacks them.
 *
 * @param part10               whether the file starts with the preamble and "DICM"; {@code false} for a bare data set
 *                             (no preamble, no file meta information), which must get its {@link FileMetaInformation}
 *                             before it is sent
 * @param transferSyntaxUid    (0002,0010) from the file meta information; {@code null} if the file has none. For a
 *                             bare data set, the one it was found to be in
 * @param specificCharacterSet (0008,0005) as stored, e.g. {@code "ISO_IR 100"} or {@code "\ISO 2022 IR 100"}
 * @param seriesNumber         (0020,0011); {@code null} if absent or not a single integer
 * @param instanceNumber       (0020,0013); {@code null} if absent or not a single integer
 * @param headerBytes          how far into the file the reader went: the offset of the Pixel Data element (or of the
 *                             first top-level element after it) when there is one, otherwise the file's length.
 *                             For deflated files it is the number of compressed bytes that were read.
 */
public record DicomHeader(boolean part10, String transferSyntaxUid, String sopClassUid, String sopInstanceUid,
                          String studyInstanceUid, String seriesInstanceUid, String patientId, String patientName,
                          String studyDate, String studyDescription, String seriesDescription, String modality,
                          Integer seriesNumber, Integer instanceNumber, String specificCharacterSet,
                          long headerBytes) {
}
