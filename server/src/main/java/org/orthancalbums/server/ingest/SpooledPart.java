package org.orthancalbums.server.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;

/**
 * One uploaded part, kept in a pooled memory buffer when it fits and in a temporary file when it
 * does not, so that a request of any size costs the server a bounded amount of heap. Buffers are
 * reused: a part of a typical image (0.5 MB) would otherwise be a "humongous" allocation for the
 * garbage collector each time.
 */
final class SpooledPart implements AutoCloseable {
    private final BlockingQueue<byte[]> pool;
    private byte[] buffer;
    private final int length;
    private final Path file;

    private SpooledPart(BlockingQueue<byte[]> pool, byte[] buffer, int length, Path file) {
        this.pool = pool;
        this.buffer = buffer;
        this.length = length;
        this.file = file;
    }

    /** Reads a whole part; {@code pool} lends equal-sized buffers (a new one is made when it is empty). */
    static SpooledPart read(InputStream in, BlockingQueue<byte[]> pool, int bufferSize, Path tempDir) throws IOException {
        byte[] buffer = pool.poll();
        if (buffer == null) {
            buffer = new byte[bufferSize];
        }
        int length = 0;
        int n = 0;
        while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) >= 0) {
            length += n;
        }
        int next = n < 0 ? -1 : in.read();
        if (next < 0) {
            return new SpooledPart(pool, buffer, length, null);
        }
        Path file = Files.createTempFile(tempDir, "stow-", ".dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(buffer, 0, length);
            out.write(next);
            in.transferTo(out);
            pool.offer(buffer);
            return new SpooledPart(pool, null, 0, file);
        } catch (IOException | RuntimeException e) {
            pool.offer(buffer);
            Files.deleteIfExists(file);
            throw e;
        }
    }

    InputStream open() throws IOException {
        return file == null ? new ByteArrayInputStream(buffer, 0, length) : Files.newInputStream(file);
    }

    long length() throws IOException {
        return file == null ? length : Files.size(file);
    }

    void writeTo(OutputStream out) throws IOException {
        if (file == null) {
            out.write(buffer, 0, length);
        } else {
            Files.copy(file, out);
        }
    }

    /** Gives the buffer back (the request that used it is done) or deletes the temporary file. */
    @Override
    public void close() throws IOException {
        if (buffer != null) {
            pool.offer(buffer);
            buffer = null;
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
