package org.orthancalbums.core.api;

/**
 * One DICOM file of a study in an album, as {@code GET /api/albums/{id}/studies/{uid}/files} lists it
 * for a download: which series it belongs to, its number there, and its size in bytes.
 */
public record InstanceFile(String seriesInstanceUid, String sopInstanceUid, Integer instanceNumber, long size) {
}
