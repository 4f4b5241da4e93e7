package org.orthancalbums.core.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.orthancalbums.core.dicom.DicomFormatException;
import org.orthancalbums.core.dicom.DicomHeader;
import org.orthancalbums.core.dicom.DicomHeaderReader;
import org.orthancalbums.core.dicom.FileMetaInformation;

/**
 * Finds what a drop of folders, files and zip archives would upload: every DICOM Part-10 file (its
 * header only, stopping before pixel data), every bare data set (made a Part-10 file when it is sent),
 * and every other file with the reason it is skipped (DICOMDIR, not DICOM, truncated, unreadable).
 * Runs on a background thread; can be cancelled.
 */
public final class DicomScanner {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    /** {@code progress} receives the number of files looked at so far. */
    public ScanResult scan(List<Path> roots, LongConsumer progress) throws IOException {
        List<ScanResult.Found> found = new ArrayList<>();
        List<ScanResult.Skipped> skipped = new ArrayList<>();
        long[] seen = {0};
        for (Path root : roots) {
            if (!Files.exists(root)) {
                skipped.add(new ScanResult.Skipped(root.toString(), 0, ScanResult.Why.MISSING));
                continue;
            }
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (cancelled.get()) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (attributes.isRegularFile()) {
                        if (isZip(file)) {
                            scanZip(file, found, skipped);
                        } else {
                            look(FileSource.of(file, attributes.size()), found, skipped);
                        }
                        progress.accept(++seen[0]);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    skipped.add(new ScanResult.Skipped(file.toString(), 0, ScanResult.Why.UNREADABLE, e.getClass().getSimpleName()));
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        return new ScanResult(found, skipped);
    }

    private void scanZip(Path zip, List<ScanResult.Found> found, List<ScanResult.Skipped> skipped) {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements() && !cancelled.get()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory()) {
                    look(FileSource.of(zip, entry), found, skipped);
                }
            }
        } catch (ZipException e) {
            skipped.add(new ScanResult.Skipped(zip.toString(), size(zip), ScanResult.Why.DAMAGED_ZIP));
        } catch (IOException e) {
            skipped.add(new ScanResult.Skipped(zip.toString(), size(zip), ScanResult.Why.UNREADABLE, String.valueOf(e.getMessage())));
        }
    }

    private static void look(FileSource source, List<ScanResult.Found> found, List<ScanResult.Skipped> skipped) {
        try (InputStream in = source.open()) {
            DicomHeader header = DicomHeaderReader.read(in);
            if (header.studyInstanceUid() == null || header.sopInstanceUid() == null) {
                skipped.add(new ScanResult.Skipped(source.displayPath(), source.size(), ScanResult.Why.NO_UIDS));
            } else if (header.part10()) {
                found.add(new ScanResult.Found(source, header));
            } else {
                byte[] meta = FileMetaInformation.of(header.sopClassUid(), header.sopInstanceUid(), header.transferSyntaxUid());
                found.add(new ScanResult.Found(FileSource.withHeader(meta, source), header));
            }
        } catch (DicomFormatException e) {
            skipped.add(skipped(source, e));
        } catch (IOException e) {
            skipped.add(new ScanResult.Skipped(source.displayPath(), source.size(), ScanResult.Why.UNREADABLE, String.valueOf(e.getMessage())));
        }
    }

    private static ScanResult.Skipped skipped(FileSource source, DicomFormatException e) {
        ScanResult.Why why = switch (e.reason()) {
            case DICOMDIR -> ScanResult.Why.DICOMDIR;
            case NOT_DICOM -> ScanResult.Why.NOT_DICOM;
            case TRUNCATED -> ScanResult.Why.TRUNCATED;
            case UNSUPPORTED, MALFORMED -> ScanResult.Why.UNSUPPORTED;
        };
        // the reader's detail says what is wrong inside a DICOM file; for the others the kind says it all
        return new ScanResult.Skipped(source.displayPath(), source.size(), why, why == ScanResult.Why.UNSUPPORTED ? e.getMessage() : "");
    }

    private static boolean isZip(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
