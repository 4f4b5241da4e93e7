package org.orthancalbums.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;

/** The benchmarks' data set: 2,000 real Part-10 files, ~1 GB, 4 studies of 5 series. Generated once. */
final class BenchData {
    static final int STUDIES = 4;
    static final int SERIES = 5;
    static final int INSTANCES_PER_SERIES = 100;
    static final int PER_STUDY = SERIES * INSTANCES_PER_SERIES;
    private static final int SIZE = 512; // 512 x 512 x 16 bit: 512 KiB each

    private BenchData() {
    }

    static long totalBytes(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }

    /** The data set's StudyInstanceUIDs, in order (files are sorted study by study). */
    static List<String> studyUids(List<Path> files) throws IOException {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < files.size(); i += PER_STUDY) {
            uids.add(org.orthancalbums.core.dicom.DicomHeaderReader.read(files.get(i)).studyInstanceUid());
        }
        return uids;
    }

    static List<Path> dataSet(Path folder) throws IOException {
        int expected = STUDIES * PER_STUDY;
        if (Files.isDirectory(folder)) {
            try (Stream<Path> existing = Files.list(folder)) {
                List<Path> files = existing.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
                if (files.size() == expected) {
                    return files;
                }
            }
        }
        System.out.println("generating the data set in " + folder + " (first run only)...");
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        int n = 0;
        for (int st = 0; st < STUDIES; st++) {
            String study = Uids.random();
            for (int se = 1; se <= SERIES; se++) {
                String series = Uids.random();
                for (int i = 1; i <= INSTANCES_PER_SERIES; i++) {
                    Path file = folder.resolve(String.format("%05d.dcm", n++));
                    Files.write(file, DicomFileWriter.write(new DicomFileWriter.Instance("BENCH-" + st, "Bench^Patient" + st, study,
                            series, Uids.random(), "20250101", "Benchmark", "CT", se, i, SIZE, SIZE)));
                    files.add(file);
                }
            }
        }
        return files;
    }
}
