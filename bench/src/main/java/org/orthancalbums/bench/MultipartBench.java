package org.orthancalbums.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.orthancalbums.core.stow.MultipartRelatedReader;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;

/**
 * `./albums bench multipart`: how fast the STOW multipart reader splits a body, against a plain copy
 * of the same bytes (the peer: the least any reader must do), so the figure is a ratio, not a guess.
 */
public final class MultipartBench {
    public static void main(String[] args) throws IOException {
        Random random = new Random(1);
        List<PartSource> parts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] body = new byte[8 << 20];
            random.nextBytes(body);
            parts.add(PartSource.of(body));
        }
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.writeTo(out, parts);
        byte[] bytes = out.toByteArray();
        byte[] chunk = new byte[64 * 1024];
        double bestReader = 0;
        double bestCopy = 0;
        for (int round = 0; round < 7; round++) {
            long start = System.nanoTime();
            MultipartRelatedReader reader = new MultipartRelatedReader(new ByteArrayInputStream(bytes), writer.boundary());
            long total = 0;
            for (Optional<MultipartRelatedReader.Part> part = reader.next(); part.isPresent(); part = reader.next()) {
                for (int n = part.get().body().read(chunk); n >= 0; n = part.get().body().read(chunk)) {
                    total += n;
                }
            }
            bestReader = Math.max(bestReader, bytes.length / 1e6 / ((System.nanoTime() - start) / 1e9));
            start = System.nanoTime();
            ByteArrayInputStream plain = new ByteArrayInputStream(bytes);
            long copied = 0;
            for (int n = plain.read(chunk); n >= 0; n = plain.read(chunk)) {
                copied += n;
            }
            bestCopy = Math.max(bestCopy, bytes.length / 1e6 / ((System.nanoTime() - start) / 1e9));
            if (total != 8L << 23 || copied != bytes.length) {
                throw new IllegalStateException("read " + total + " bytes of parts, copied " + copied);
            }
        }
        System.out.printf("multipart reader: %.0f MB/s; plain copy of the same %d MB: %.0f MB/s; ratio %.2f (best of 7)%n",
                bestReader, bytes.length / 1_000_000, bestCopy, bestReader / bestCopy);
    }
}
