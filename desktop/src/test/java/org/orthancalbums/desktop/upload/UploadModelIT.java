package org.orthancalbums.desktop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.dicom.DicomFileWriter;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.background.DirectExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.HttpClients;
import org.orthancalbums.desktop.upload.UploadModel.Stage;
import org.orthancalbums.desktop.upload.UploadReport.Outcome;

/** The upload model without a window (its work runs on the calling thread), against the real stack. */
class UploadModelIT {
    @TempDir
    Path drop;

    @Test
    void aResumeThatFailsKeepsWhatWasStoredAndCancelReportsIt() throws Exception {
        AlbumsClient alice = StackData.client("alice");
        AlbumView album = StackData.album("alice", "Model resume");
        String study = Uids.random();
        String series = Uids.random();
        for (int i = 1; i <= 40; i++) {
            Files.write(drop.resolve("IM" + i), DicomFileWriter.write(new DicomFileWriter.Instance("MODEL-1", "Model^Resume",
                    study, series, Uids.random(), "20250403", "Resume fails", "CT", 1, i, 64, 64)));
        }
        UploadModel model = new UploadModel(new DirectExecutor(),
                () -> new UploadEngine(HttpClients.create(), new UploadEngine.Settings(2, 64L << 20, 1, 2, Duration.ofMillis(100))),
                target -> Destination.album(alice, target.id()), List.of(album), album, () -> { });
        model.scan(List.of(drop));
        assertThat(model.stageProperty().get()).isEqualTo(Stage.PREVIEW);
        model.progressProperty().addListener((o, before, now) -> {
            if (now.doubleValue() > 0.3) {
                model.pause();
            }
        });

        model.start();
        assertThat(model.stageProperty().get()).isEqualTo(Stage.PAUSED);
        int stored = Integer.parseInt(model.progressTextProperty().get().replaceAll("^Paused: (\\d+) of 40 .*", "$1"));
        assertThat(stored).isBetween(12, 39);

        alice.deleteAlbum(album.id()); // its owner deletes the album while the upload is paused
        model.resume();
        assertThat(model.stageProperty().get()).as("the failure leaves the paused upload, not its report, behind").isEqualTo(Stage.PAUSED);
        assertThat(model.progressTextProperty().get()).startsWith("The upload").doesNotStartWith("Paused");

        model.cancel();
        assertThat(model.stageProperty().get()).isEqualTo(Stage.DONE);
        assertThat(model.reportProperty().get().counts()).containsEntry(Outcome.STORED, stored).containsEntry(Outcome.NOT_SENT, 40 - stored);
    }
}
