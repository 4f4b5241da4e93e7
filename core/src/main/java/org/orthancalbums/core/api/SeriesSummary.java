package org.orthancalbums.core.api;

/** One series of a study, for the study details pane. */
public record SeriesSummary(String seriesInstanceUid, String orthancId, Integer seriesNumber, String modality,
                            String seriesDescription, int instanceCount) {
}
