package org.orthancalbums.core.api;

import java.util.List;

/**
 * What a specialist checks about one study before opening it: who, when, where from, and its series. Dates and
 * times stay as DICOM writes them (YYYYMMDD, HHMMSS.FFFFFF); absent attributes are empty strings.
 */
public record StudyDetails(String studyInstanceUid, String patientName, String patientId, String patientBirthDate,
                           String patientSex, String studyDate, String studyTime, String accessionNumber,
                           String studyDescription, String referringPhysician, String institution,
                           List<String> modalities, List<SeriesSummary> series) {
}
