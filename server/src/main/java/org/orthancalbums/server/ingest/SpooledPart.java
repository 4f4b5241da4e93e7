package org.orthancalbums.server.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * One uploaded part, kept in memory when small and in a temporary file above a threshold, so that a
 * request of any size costs the server a bounded amount of heap.
 */
final class SpooledPart implements AutoCloseable {
    private static final MediaType DICOM = MediaType.get("application/dicom");

    private final byte[] bytes;
    private final Path file;
    private final long length;

    private SpooledPart(byte[] bytes, Path file, long length) {
        this.bytes = bytes;
        this.file = file;
        this.length = length;
    }

    static SpooledPart read(InputStream in, int memoryThreshold, Path tempDir) throws IOException {
        ByteArrayOutputStream memory = new ByteArrayOutputStream(Math.min(memoryThreshold, 256 * 1024));
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            memory.write(buffer, 0, n);
            if (memory.size() > memoryThreshold) {
                return spill(memory, buffer, in, tempDir);
            }
        }
        return new SpooledPart(memory.toByteArray(), null, memory.size());
    }

    private static SpooledPart spill(ByteArrayOutputStream memory, byte[] buffer, InputStream in, Path tempDir) throws IOException {
        Path file = Files.createTempFile(tempDir, "stow-", ".dcm");
        long length = memory.size();
        try (OutputStream out = Files.newOutputStream(file)) {
            memory.writeTo(out);
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                length += n;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new SpooledPart(null, file, length);
    }

    long length() {
        return length;
    }

    InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    RequestBody requestBody() {
        return bytes != null ? RequestBody.create(bytes, DICOM) : RequestBody.create(file.toFile(), DICOM);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
