package org.orthancalbums.core.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where a file's bytes come from: a file on disk or an entry of a zip archive, possibly with our file meta information
 * in front. Opened as often as needed.
 */
public interface FileSource {

    /** What a person recognises: the path, or "archive.zip!/folder/file". */
    String displayPath();

    long size();

    InputStream open() throws IOException;

    static FileSource of(Path file, long size) {
        return new FileSource() {
            @Override
            public String displayPath() {
                return file.toString();
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }

    static FileSource of(Path zip, ZipEntry entry) {
        return new FileSource() {
            @Override
            public String displayPath() {
                return zip + "!/" + entry.getName();
            }

            @Override
            public long size() {
                return entry.getSize();
            }

            @Override
            public InputStream open() throws IOException {
                ZipFile archive = new ZipFile(zip.toFile());
                ZipEntry fresh = archive.getEntry(entry.getName());
                InputStream in = archive.getInputStream(fresh);
                // closing the entry's stream closes the archive too
                return new java.io.FilterInputStream(in) {
                    @Override
                    public void close() throws IOException {
                        try {
                            super.close();
                        } finally {
                            archive.close();
                        }
                    }
                };
            }
        };
    }

    /**
     * The source's bytes behind {@code header}: a bare data set made a Part-10 file by its file meta information.
     * The data set is streamed as it is, never held in memory.
     */
    static FileSource withHeader(byte[] header, FileSource source) {
        return new FileSource() {
            @Override
            public String displayPath() {
                return source.displayPath();
            }

            @Override
            public long size() {
                return header.length + source.size();
            }

            @Override
            public InputStream open() throws IOException {
                return new SequenceInputStream(new ByteArrayInputStream(header), source.open());
            }
        };
    }
}
