package org.orthancalbums.desktop;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;

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

    /** DICOM's HHMMSS.FFFFFF (or HHMM, HH) as HH:MM; anything else as it is. */
    public static String time(String dicomTime) {
        if (dicomTime == null || !dicomTime.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
            return dicomTime;
        }
        return dicomTime.substring(0, 2) + ":" + (dicomTime.length() >= 4 ? dicomTime.substring(2, 4) : "00");
    }

    /** Whole years from a YYYYMMDD birth date to a YYYYMMDD study date; null when either is not a valid date. */
    public static Integer age(String birthDate, String onDate) {
        try {
            int years = Period.between(LocalDate.parse(birthDate, DateTimeFormatter.BASIC_ISO_DATE),
                    LocalDate.parse(onDate, DateTimeFormatter.BASIC_ISO_DATE)).getYears();
            return years >= 0 ? years : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
