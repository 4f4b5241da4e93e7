package org.orthancalbums.desktop.download;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.orthancalbums.core.api.InstanceFile;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.DicomText;

/**
 * Where each file of a download goes: patient / study / series / image, in names a person reads
 * ("Durand, Marie (P123)/2024-06-11 Cardiac MRI/3 MR T2 axial/0001.dcm") and that every file system
 * takes. Names come from DICOM tags, which anyone who uploads controls: nothing in them can climb out
 * of the chosen folder. Two things with the same name get " (2)", in a fixed order, so that a resumed
 * download finds the same paths.
 */
final class DownloadLayout {
    private static final Pattern UNSAFE = Pattern.compile("[\\\\/:*?\"<>|\\p{Cntrl}]");
    private static final Pattern RESERVED = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\\..*)?");
    private static final int MAX_NAME = 80;

    /** Names taken in each folder (lower case: Windows and macOS do not tell "A" from "a"). */
    private final Map<String, Set<String>> taken = new HashMap<>();
    /** Folders already named, so that a study or series keeps its folder: key = the thing's identity. */
    private final Map<String, String> folders = new HashMap<>();

    /** The planned files of one study, in the server's order (series, then number). */
    List<PlannedFile> plan(StudySummary study, List<SeriesSummary> series, List<InstanceFile> files) {
        String patient = folder("", "patient:" + study.patientId() + "|" + study.patientName(),
                DicomText.personName(study.patientName()) + " (" + study.patientId() + ")");
        String studyFolder = folder(patient, "study:" + study.studyInstanceUid(), studyName(study));
        Map<String, SeriesSummary> byUid = new HashMap<>();
        series.forEach(s -> byUid.put(s.seriesInstanceUid(), s));
        String label = DownloadRequest.label(study);
        List<PlannedFile> planned = new ArrayList<>();
        for (InstanceFile file : files) {
            String seriesFolder = folder(studyFolder, "series:" + study.studyInstanceUid() + "|" + file.seriesInstanceUid(),
                    seriesName(byUid.get(file.seriesInstanceUid()), file.seriesInstanceUid()));
            String name = unique(seriesFolder, file.instanceNumber() == null ? safe(file.sopInstanceUid()) + ".dcm"
                    : String.format(Locale.ROOT, "%04d.dcm", file.instanceNumber()));
            planned.add(new PlannedFile(seriesFolder + "/" + name, study.studyInstanceUid(), file.sopInstanceUid(), file.size(), label));
        }
        return planned;
    }

    private String folder(String parent, String identity, String name) {
        return folders.computeIfAbsent(identity, k -> (parent.isEmpty() ? "" : parent + "/") + unique(parent, safe(name)));
    }

    private static String studyName(StudySummary study) {
        String text = (DicomText.date(study.studyDate()) + " " + study.studyDescription()).strip();
        return text.isEmpty() ? "Study " + tail(study.studyInstanceUid()) : text;
    }

    private static String seriesName(SeriesSummary series, String uid) {
        if (series == null) {
            return "Series " + tail(uid);
        }
        String text = ((series.seriesNumber() == null ? "" : series.seriesNumber() + " ") + series.modality() + " "
                + series.seriesDescription()).strip();
        return text.isEmpty() ? "Series " + tail(uid) : text;
    }

    private static String tail(String uid) {
        return uid.length() <= 8 ? uid : uid.substring(uid.length() - 8);
    }

    /** {@code name}, or "name (2)", "name (3)"… if the folder already holds it. */
    private String unique(String parent, String name) {
        Set<String> names = taken.computeIfAbsent(parent, k -> new HashSet<>());
        int dot = name.endsWith(".dcm") ? name.length() - 4 : name.length();
        String candidate = name;
        for (int n = 2; !names.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
        }
        return candidate;
    }

    /** One path element that every file system takes and that cannot name another folder. */
    static String safe(String text) {
        String name = UNSAFE.matcher(text == null ? "" : text).replaceAll("_").strip();
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME).strip();
        }
        // Windows drops trailing dots and spaces; a leading dot hides a file; "." and ".." are no names
        name = name.replaceAll("[. ]+$", "").replaceAll("^[. ]+", "");
        if (name.isEmpty()) {
            return "_";
        }
        return RESERVED.matcher(name).matches() ? "_" + name : name;
    }
}
