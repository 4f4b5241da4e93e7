package org.orthancalbums.desktop.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.orthancalbums.desktop.upload.StudyProgress.State;
import org.orthancalbums.desktop.upload.UploadReport.FileResult;
import org.orthancalbums.desktop.upload.UploadReport.Outcome;

class UploadReportTest {

    @Test
    void aResumedUploadCountsWhatAnEarlierRunStoredAsStored() {
        UploadReport secondRun = new UploadReport(List.of(
                new FileResult("a", "st", "1", Outcome.ALREADY_PRESENT, "already in the album"), // there before the drop
                new FileResult("b", "st", "2", Outcome.ALREADY_PRESENT, "already in the album"), // stored before the pause
                new FileResult("c", "st", "3", Outcome.STORED, ""),
                new FileResult("d", "st", "4", Outcome.FAILED, "refused"),
                new FileResult("e.txt", null, null, Outcome.SKIPPED, "not a DICOM file")));

        UploadReport whole = secondRun.resuming(Set.of("1"));

        assertThat(whole.counts()).containsEntry(Outcome.ALREADY_PRESENT, 1).containsEntry(Outcome.STORED, 2)
                .containsEntry(Outcome.FAILED, 1).containsEntry(Outcome.SKIPPED, 1);
        assertThat(whole.files().get(1)).isEqualTo(new FileResult("b", "st", "2", Outcome.STORED, ""));
        assertThat(whole.complete()).isFalse();
    }

    @Test
    void aStudysStateFollowsItsFiles() {
        assertThat(new StudyProgress("st", 10, 0, 0, 0, 0).state()).isEqualTo(State.WAITING);
        assertThat(new StudyProgress("st", 10, 0, 0, 0, 3).state()).isEqualTo(State.SENDING);
        assertThat(new StudyProgress("st", 10, 4, 0, 0, 0).state()).as("between two batches").isEqualTo(State.SENDING);
        assertThat(new StudyProgress("st", 10, 6, 4, 0, 0).state()).isEqualTo(State.DONE);
        assertThat(new StudyProgress("st", 10, 0, 10, 0, 0).state()).isEqualTo(State.DONE);
        assertThat(new StudyProgress("st", 10, 9, 0, 1, 0).state()).isEqualTo(State.FAILED);
        assertThat(new StudyProgress("st", 10, 9, 0, 1, 0).inAlbum()).isEqualTo(9);
    }
}
