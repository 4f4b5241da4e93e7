package org.orthancalbums.desktop.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.api.InstanceFile;
import org.orthancalbums.core.api.SeriesSummary;
import org.orthancalbums.core.api.StudySummary;

/** Folder and file names of a download: readable, valid everywhere, never outside the chosen folder, never twice the same. */
class DownloadLayoutTest {

    @Test
    void patientStudySeriesAndNumberMakeThePath() {
        DownloadLayout layout = new DownloadLayout();
        List<PlannedFile> files = layout.plan(study("1.2.1", "Durand^Marie", "P1", "20240611", "Cardiac MRI"),
                List.of(new SeriesSummary("1.2.1.1", "x", 3, "MR", "T2 axial", 2)),
                List.of(new InstanceFile("1.2.1.1", "1.2.1.1.1", 1, 10), new InstanceFile("1.2.1.1", "1.2.1.1.2", null, 10)));
        assertThat(files).extracting(PlannedFile::path).containsExactly("Durand, Marie (P1)/2024-06-11 Cardiac MRI/3 MR T2 axial/0001.dcm",
                "Durand, Marie (P1)/2024-06-11 Cardiac MRI/3 MR T2 axial/1.2.1.1.2.dcm");
    }

    @Test
    void tagsCannotClimbOutOfTheFolderNorNameADevice() {
        DownloadLayout layout = new DownloadLayout();
        List<PlannedFile> files = layout.plan(study("1.2.2", "../../etc^passwd", "..", "", "CON"),
                List.of(new SeriesSummary("1.2.2.1", "x", null, "", "a/b\\c:d*e?f\"g<h>i|j\u0001", 1)),
                List.of(new InstanceFile("1.2.2.1", "1.2.2.1.1", 7, 10)));
        String path = files.get(0).path();
        assertThat(path.split("/")).hasSize(4).noneMatch(part -> part.equals("..") || part.equals(".") || part.isEmpty());
        assertThat(path).isEqualTo("_.._etc, passwd (..)/_CON/a_b_c_d_e_f_g_h_i_j_/0007.dcm");
        assertThat(DownloadLayout.safe("nul.txt")).isEqualTo("_nul.txt");
        assertThat(DownloadLayout.safe("name. . ")).isEqualTo("name");
        assertThat(DownloadLayout.safe("..")).isEqualTo("_");
        assertThat(DownloadLayout.safe(".hidden")).isEqualTo("hidden");
        assertThat(DownloadLayout.safe("x".repeat(200))).hasSize(80);
    }

    @Test
    void sameNamesGetANumberAndKeepItForTheSameStudy() {
        DownloadLayout layout = new DownloadLayout();
        StudySummary first = study("1.3.1", "Martin^Paul", "P2", "20250101", "Knee");
        StudySummary second = study("1.3.2", "Martin^Paul", "P2", "20250101", "KNEE");
        List<SeriesSummary> series = List.of(new SeriesSummary("s", "x", 1, "MR", "", 2));
        assertThat(layout.plan(first, series, List.of(new InstanceFile("s", "a", 1, 1), new InstanceFile("s", "b", 1, 1))))
                .extracting(PlannedFile::path).containsExactly("Martin, Paul (P2)/2025-01-01 Knee/1 MR/0001.dcm",
                        "Martin, Paul (P2)/2025-01-01 Knee/1 MR/0001 (2).dcm");
        assertThat(layout.plan(second, series, List.of(new InstanceFile("s", "c", 1, 1))))
                .extracting(PlannedFile::path).containsExactly("Martin, Paul (P2)/2025-01-01 KNEE (2)/1 MR/0001.dcm");
    }

    private static StudySummary study(String uid, String patient, String patientId, String date, String description) {
        return new StudySummary(uid, "id-" + uid, patient, patientId, date, description, List.of("MR"), 1, 1);
    }
}
