package org.orthancalbums.server.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.stow.MultipartRelatedWriter;
import org.orthancalbums.core.stow.MultipartRelatedWriter.PartSource;
import org.orthancalbums.core.stow.StowResponse;
import org.orthancalbums.core.testing.Stack;

/** STOW-RS requests for the tests: synthetic studies, multipart bodies, and the DICOM JSON answer. */
final class Stow {
    record Reply(int status, String contentType, String body) {
        StowResponse stow() {
            try {
                return StowResponse.parse(body.getBytes());
            } catch (IOException e) {
                throw new IllegalStateException("not a STOW response: " + body, e);
            }
        }
    }

    private Stow() {
    }

    /** {@code studies} studies of {@code series} series of {@code instances} small instances each. */
    static List<byte[]> studies(int studies, int series, int instances, String patient) {
        List<byte[]> files = new ArrayList<>();
        for (int st = 0; st < studies; st++) {
            String studyUid = Uids.random();
            for (int se = 1; se <= series; se++) {
                String seriesUid = Uids.random();
                for (int i = 1; i <= instances; i++) {
                    files.add(instance(patient + "-" + st, studyUid, seriesUid, se, i, 16));
                }
            }
        }
        return files;
    }

    static byte[] instance(String patientId, String studyUid, String seriesUid, int series, int number, int size) {
        return instance(patientId, studyUid, seriesUid, Uids.random(), series, number, size);
    }

    static byte[] instance(String patientId, String studyUid, String seriesUid, String sopUid, int series, int number, int size) {
        return DicomFileWriter.write(new DicomFileWriter.Instance(patientId, "Upload^" + patientId, studyUid, seriesUid,
                sopUid, "20250102", "Uploaded study", "MR", series, number, size, size));
    }

    static byte[] multipart(MultipartRelatedWriter writer, List<PartSource> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.writeTo(out, parts);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static Reply post(URI url, String authorization, List<byte[]> files) {
        MultipartRelatedWriter writer = new MultipartRelatedWriter();
        List<PartSource> parts = files.stream().map(PartSource::of).toList();
        return post(url, authorization, writer.contentTypeHeader(), multipart(writer, parts));
    }

    static Reply post(URI url, String authorization, String contentType, byte[] body) {
        return send(request(url, authorization, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Sends the body chunked (no Content-Length), as a tool streaming from disk does. */
    static Reply postChunked(URI url, String authorization, String contentType, InputStreamSupplier body) {
        return send(request(url, authorization, contentType).POST(HttpRequest.BodyPublishers.ofInputStream(body::open)));
    }

    interface InputStreamSupplier {
        InputStream open();
    }

    /** A multipart body written by another thread straight into the request: nothing is held in memory. */
    static InputStream streamed(MultipartRelatedWriter writer, List<PartSource> parts) {
        try {
            PipedInputStream in = new PipedInputStream(1 << 20);
            PipedOutputStream out = new PipedOutputStream(in);
            Thread thread = new Thread(() -> {
                try (out) {
                    writer.writeTo(out, parts);
                } catch (IOException ignored) {
                    // the reader went away: the request failed and the test says so
                }
            }, "multipart-writer");
            thread.setDaemon(true);
            thread.start();
            return in;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(URI url, String authorization, String contentType) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).header("Accept", "application/dicom+json");
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = Stack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("albums-server is unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
