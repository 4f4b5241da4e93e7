package org.orthancalbums.desktop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.orthancalbums.core.dicom.DicomHeader;
import org.orthancalbums.core.scan.DicomScanner;
import org.orthancalbums.core.scan.ScanResult;

/**
 * `./albums scan PATH... [--json]`: what a drop of these paths would upload, without sending anything.
 * Per file its UIDs, patient, modality, transfer syntax and size, or why it is skipped; then the studies.
 */
public final class ScanCommand {
    private ScanCommand() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> paths = new ArrayList<>();
        boolean json = false;
        for (String arg : args) {
            if (arg.equals("--json")) {
                json = true;
            } else {
                paths.add(Path.of(arg));
            }
        }
        if (paths.isEmpty()) {
            System.err.println("usage: ./albums scan PATH... [--json]");
            System.exit(2);
        }
        ScanResult result = new DicomScanner().scan(paths, n -> { });
        if (json) {
            printJson(result, System.out);
        } else {
            printText(result, System.out);
        }
    }

    static void printText(ScanResult result, PrintStream out) {
        for (ScanResult.Found f : result.files()) {
            DicomHeader h = f.header();
            out.printf("%s%n  study %s  series %s  instance %s%n  patient %s  modality %s  transfer syntax %s  %,d bytes%n",
                    f.source().displayPath(), h.studyInstanceUid(), h.seriesInstanceUid(), h.sopInstanceUid(), h.patientId(),
                    h.modality(), h.transferSyntaxUid(), f.source().size());
        }
        for (ScanResult.Skipped s : result.skipped()) {
            out.printf("%s%n  skipped: %s%n", s.displayPath(), s.reason());
        }
        out.printf("%n%d DICOM files (%,d bytes) in %d studies; %d skipped%n", result.files().size(), result.bytes(),
                result.studies().size(), result.skipped().size());
        for (ScanResult.Study st : result.studies()) {
            out.printf("  %s  %s (%s)  %s  %s  %s: %d series, %d files, %,d bytes%n", st.studyInstanceUid(), st.patientName(),
                    st.patientId(), st.studyDate(), st.description(), String.join("/", st.modalities()), st.seriesCount(),
                    st.fileCount(), st.bytes());
        }
    }

    static void printJson(ScanResult result, PrintStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode files = root.putArray("files");
        for (ScanResult.Found f : result.files()) {
            DicomHeader h = f.header();
            files.addObject().put("path", f.source().displayPath()).put("sopInstanceUid", h.sopInstanceUid())
                    .put("seriesInstanceUid", h.seriesInstanceUid()).put("studyInstanceUid", h.studyInstanceUid())
                    .put("patientId", h.patientId()).put("modality", h.modality()).put("transferSyntaxUid", h.transferSyntaxUid())
                    .put("size", f.source().size());
        }
        ArrayNode skipped = root.putArray("skipped");
        result.skipped().forEach(s -> skipped.addObject().put("path", s.displayPath()).put("size", s.size()).put("reason", s.reason()));
        root.set("studies", mapper.valueToTree(result.studies()));
        mapper.writeValue(out, root);
        out.println();
    }
}
