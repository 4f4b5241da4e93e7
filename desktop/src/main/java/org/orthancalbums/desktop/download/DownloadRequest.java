package org.orthancalbums.desktop.download;

import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.DicomText;

/** What to download: one study of an album, or (study null) every study of the album. */
public record DownloadRequest(AlbumView album, StudySummary study) {

    public boolean wholeAlbum() {
        return study == null;
    }

    /** Words for the window's title: the album's name, or the study's patient, date and description. */
    public String what() {
        return wholeAlbum() ? album.name() : label(study);
    }

    /** A study in words: "Durand, Marie · 2024-06-11 · Cardiac MRI". */
    static String label(StudySummary study) {
        return String.join(" · ", DicomText.personName(study.patientName()), DicomText.date(study.studyDate()), study.studyDescription())
                .replaceAll("( · )+$", "");
    }

    /** The ZIP file's name, without ".zip". */
    String zipName() {
        return DownloadLayout.safe(wholeAlbum() ? album.name()
                : DicomText.personName(study.patientName()) + " " + DicomText.date(study.studyDate()) + " " + study.studyDescription());
    }
}
