package org.orthancalbums.desktop;

/** DICOM values as people read them, in every table of the app. */
public final class DicomText {
    private DicomText() {
    }

    /** DICOM's Family^Given^Middle^Prefix^Suffix as a person writes it: "Durand, Marie". */
    public static String personName(String dicomName) {
        if (dicomName == null || !dicomName.contains("^")) {
            return dicomName;
        }
        String[] parts = dicomName.split("\\^", -1);
        String given = String.join(" ", java.util.Arrays.stream(parts, 1, parts.length).filter(p -> !p.isBlank()).toList());
        return given.isEmpty() ? parts[0] : parts[0] + ", " + given;
    }

    /** DICOM's YYYYMMDD as YYYY-MM-DD; anything else as it is. */
    public static String date(String dicomDate) {
        return dicomDate != null && dicomDate.matches("\\d{8}")
                ? dicomDate.substring(0, 4) + "-" + dicomDate.substring(4, 6) + "-" + dicomDate.substring(6) : dicomDate;
    }
}
