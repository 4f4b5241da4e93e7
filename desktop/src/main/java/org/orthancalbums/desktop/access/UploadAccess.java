package org.orthancalbums.desktop.access;

import java.time.Instant;
import org.orthancalbums.core.api.TokenViews;

/**
 * A new album upload token and the two ways a tool can use it: the DICOMweb root with the token as
 * {@code Authorization: Bearer}, or the token-in-path root for tools that cannot send a header (3D
 * Slicer's DICOMweb send takes an address only); and, for scanners, the DICOM destination (Orthanc's
 * DICOM port and the token's own called AE title), when the server gave one. The secret exists only in
 * this object, in memory.
 */
public record UploadAccess(String tokenId, String token, String dicomWebRoot, Instant expiresAt, TokenViews.DicomDestination dicom) {
    private static final String DICOM_WEB = "/dicom-web";

    /** Where STOW-RS requests go with the header form: {@code POST {root}/studies}. */
    public String stowUrl() {
        return dicomWebRoot + "/studies";
    }

    public String dicomHost() {
        return dicom == null ? "" : dicom.host();
    }

    public String dicomPort() {
        return dicom == null ? "" : String.valueOf(dicom.port());
    }

    public String calledAeTitle() {
        return dicom == null ? "" : dicom.calledAeTitle();
    }

    /** The DICOMweb root that carries the token in its path: {@code https://server/t/oat_…/dicom-web}. */
    public String rootWithToken() {
        String root = dicomWebRoot.replaceAll("/+$", "");
        String server = root.endsWith(DICOM_WEB) ? root.substring(0, root.length() - DICOM_WEB.length()) : root;
        return server + "/t/" + token + DICOM_WEB;
    }
}
