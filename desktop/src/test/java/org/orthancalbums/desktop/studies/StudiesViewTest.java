package org.orthancalbums.desktop.studies;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StudiesViewTest {
    @Test
    void dicomNamesAndDatesAreShownAsPeopleWriteThem() {
        assertThat(StudiesView.formatName("Durand^Marie")).isEqualTo("Durand, Marie");
        assertThat(StudiesView.formatName("Durand^Marie^Louise^Dr^")).isEqualTo("Durand, Marie Louise Dr");
        assertThat(StudiesView.formatName("ANONYMOUS")).isEqualTo("ANONYMOUS");
        assertThat(StudiesView.formatName("Durand^")).isEqualTo("Durand");
        assertThat(StudiesView.formatDate("20240611")).isEqualTo("2024-06-11");
        assertThat(StudiesView.formatDate("2024")).isEqualTo("2024");
    }
}
