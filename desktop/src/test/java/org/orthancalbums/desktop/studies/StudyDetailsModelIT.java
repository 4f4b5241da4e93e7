package org.orthancalbums.desktop.studies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.core.dicom.Uids;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.background.DirectExecutor;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.settings.I18n;

/** The details pane's model against the real stack, without the FX toolkit: facts, series in order, a thumbnail each. */
class StudyDetailsModelIT {

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH);
    }

    @Test
    void aStudysFactsAndEverySeriesWithItsThumbnail() throws Exception {
        AlbumView album = StackData.album("alice", "Details");
        String study = Uids.random();
        String first = Uids.random();
        String second = Uids.random();
        // uploaded second series first: the pane lists them by series number all the same
        assertThat(StackData.stow(Stack.albumsUrl().resolve("/api/albums/" + album.id() + "/dicom-web/studies").toString(),
                "Bearer " + Stack.accessToken("alice"), List.of(
                        StackData.instance("DET-1", "Petit^Jean", study, second, 2, 1, "Abdomen CT"),
                        StackData.instance("DET-1", "Petit^Jean", study, first, 1, 1, "Abdomen CT"),
                        StackData.instance("DET-1", "Petit^Jean", study, first, 1, 2, "Abdomen CT")))).isEqualTo(200);
        AlbumsClient alice = StackData.client("alice");
        StudySummary row = alice.studies(album.id(), null, null, 0, 10).items().get(0);

        StudyDetailsModel model = new StudyDetailsModel(alice, new DirectExecutor());
        model.show(album, row);

        var details = model.detailsProperty().get();
        assertThat(details.patientName()).isEqualTo("Petit^Jean");
        assertThat(details.patientId()).isEqualTo("DET-1");
        assertThat(details.studyDate()).isEqualTo("20250312");
        assertThat(details.patientBirthDate()).isEqualTo("19700101");
        assertThat(details.referringPhysician()).isEqualTo("Referring^Doctor");
        assertThat(details.modalities()).containsExactly("CT");
        assertThat(model.series()).extracting(s -> s.seriesInstanceUid()).containsExactly(first, second);
        assertThat(model.series()).extracting(s -> s.instanceCount()).containsExactly(2, 1);
        assertThat(model.thumbnails()).containsOnlyKeys(first, second);
        assertThat(model.thumbnails().values()).allSatisfy(png -> assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG"));
        assertThat(model.messageProperty().get()).isEmpty();

        // once the study has left the album, the pane says so in the app's words, and shows nothing of it
        alice.removeStudy(album.id(), study);
        I18n.use(Locale.FRENCH);
        model.show(album, row);
        assertThat(model.series()).isEmpty();
        assertThat(model.thumbnails()).isEmpty();
        assertThat(model.messageProperty().get()).startsWith(I18n.t("task.loadSeries")).doesNotContain("failed");

        model.show(album, null);
        assertThat(model.detailsProperty().get()).isNull();
        assertThat(model.messageProperty().get()).isEqualTo(I18n.t("details.select"));
    }
}
