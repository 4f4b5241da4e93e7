package org.orthancalbums.core.api;

import java.util.List;

/** A study in an album's table. Dates stay as DICOM writes them (YYYYMMDD). */
public record StudySummary(String studyInstanceUid, String orthancId, String patientName, String patientId,
                           String studyDate, String studyDescription, List<String> modalities, int seriesCount,
                           int instanceCount) {
}
