package org.orthancalbums.desktop.slicer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The link 3D Slicer's DICOM module opens ({@code onURLReceived} in Modules/Scripted/DICOM/DICOM.py):
 * it reads {@code studyUID}, {@code dicomweb_endpoint} and {@code access_token}, then imports the
 * study over DICOMweb sending the token as {@code Authorization: Bearer}. It reads no series UID.
 */
public final class SlicerLink {
    private SlicerLink() {
    }

    public static String viewer(String studyInstanceUid, String dicomWebEndpoint, String accessToken) {
        return "slicer://viewer/?studyUID=" + encode(studyInstanceUid) + "&dicomweb_endpoint=" + encode(dicomWebEndpoint)
                + "&access_token=" + encode(accessToken);
    }

    private static String encode(String value) {
        // %20, not "+": Slicer decodes the query with QUrl, which keeps a "+" as it is
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
