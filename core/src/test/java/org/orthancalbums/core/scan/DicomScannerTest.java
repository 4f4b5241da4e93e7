package org.orthancalbums.core.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;

/** A drop as it comes from a CD or a scanner export: folders, junk, a DICOMDIR, a zip. */
class DicomScannerTest {
    @TempDir
    Path drop;

    private static void fixture(String name, Path target) throws IOException {
        try (InputStream in = DicomScannerTest.class.getResourceAsStream("/dicom/" + name)) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        }
    }

    private static byte[] instance(String patient, String study, String series, int number, String modality) {
        return DicomFileWriter.write(new DicomFileWriter.Instance(patient, patient + "^Test", study, series, Uids.random(),
                "20240101", "Scan test", modality, 1, number, 4, 4));
    }

    @Test
    void findsEveryDicomFileAndSaysWhyTheOthersAreSkipped() throws IOException {
        String studyA = Uids.random();
        String seriesA = Uids.random();
        Files.createDirectories(drop.resolve("cd/IMAGES/SUB"));
        Files.write(drop.resolve("cd/IMAGES/IM1"), instance("PA", studyA, seriesA, 1, "CT"));
        Files.write(drop.resolve("cd/IMAGES/SUB/IM2"), instance("PA", studyA, seriesA, 2, "CT"));
        fixture("dcmmkdir-DICOMDIR", drop.resolve("cd/DICOMDIR"));
        fixture("not-dicom.txt", drop.resolve("cd/README.TXT"));
        fixture("truncated-in-meta.dcm", drop.resolve("cd/IMAGES/BROKEN"));
        fixture("pydicom-MR_small_bigendian.dcm", drop.resolve("other/mr.dcm"));

        String studyB = Uids.random();
        try (OutputStream out = Files.newOutputStream(drop.resolve("export.zip")); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("patient/b1.dcm"));
            zip.write(instance("PB", studyB, Uids.random(), 1, "MR"));
            zip.putNextEntry(new ZipEntry("patient/b2.dcm"));
            zip.write(instance("PB", studyB, Uids.random(), 1, "MR"));
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("not an image".getBytes());
        }
        Files.writeString(drop.resolve("broken.zip"), "PK but not really a zip");

        long[] progress = {0};
        ScanResult result = new DicomScanner().scan(List.of(drop.resolve("cd"), drop.resolve("other"), drop.resolve("export.zip"),
                drop.resolve("broken.zip"), drop.resolve("missing")), n -> progress[0] = n);

        assertThat(result.files()).hasSize(5);
        assertThat(result.skipped()).extracting(ScanResult.Skipped::reason).containsExactlyInAnyOrder(
                "a DICOMDIR (a CD's index, not an image)", "not a DICOM file", "a truncated DICOM file", "not a DICOM file",
                "a damaged zip archive", "does not exist");
        assertThat(result.skipped()).anySatisfy(s -> assertThat(s.displayPath()).endsWith("export.zip!/notes.txt"));
        assertThat(progress[0]).as("files looked at, a zip counting once").isEqualTo(8);

        List<ScanResult.Study> studies = result.studies();
        assertThat(studies).hasSize(3);
        ScanResult.Study a = studies.stream().filter(s -> s.studyInstanceUid().equals(studyA)).findFirst().orElseThrow();
        assertThat(a.fileCount()).isEqualTo(2);
        assertThat(a.seriesCount()).isEqualTo(1);
        assertThat(a.modalities()).containsExactly("CT");
        assertThat(a.patientId()).isEqualTo("PA");
        ScanResult.Study b = studies.stream().filter(s -> s.studyInstanceUid().equals(studyB)).findFirst().orElseThrow();
        assertThat(b.seriesCount()).isEqualTo(2);
        assertThat(b.fileCount()).isEqualTo(2);
        assertThat(result.bytes()).isEqualTo(result.files().stream().mapToLong(f -> f.source().size()).sum()).isPositive();
    }

    @Test
    void zipEntriesCanBeReadAgainForTheUpload() throws IOException {
        byte[] dicom = instance("PZ", Uids.random(), Uids.random(), 1, "OT");
        try (OutputStream out = Files.newOutputStream(drop.resolve("one.zip")); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.dcm"));
            zip.write(dicom);
        }
        ScanResult result = new DicomScanner().scan(List.of(drop), n -> { });
        try (InputStream in = result.files().get(0).source().open()) {
            assertThat(in.readAllBytes()).isEqualTo(dicom);
        }
        assertThat(result.files().get(0).source().size()).isEqualTo(dicom.length);
    }

    @Test
    void aCancelledScanStops() throws IOException {
        for (int i = 0; i < 20; i++) {
            Files.write(drop.resolve("f" + i + ".dcm"), instance("PC", Uids.random(), Uids.random(), 1, "CT"));
        }
        DicomScanner scanner = new DicomScanner();
        ScanResult result = scanner.scan(List.of(drop), n -> {
            if (n == 5) {
                scanner.cancel();
            }
        });
        assertThat(result.files()).hasSize(5);
    }
}
