package org.orthancalbums.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DicomTextTest {
    @Test
    void dicomNamesAndDatesAreShownAsPeopleWriteThem() {
        assertThat(DicomText.personName("Durand^Marie")).isEqualTo("Durand, Marie");
        assertThat(DicomText.personName("Durand^Marie^Louise^Dr^")).isEqualTo("Durand, Marie Louise Dr");
        assertThat(DicomText.personName("ANONYMOUS")).isEqualTo("ANONYMOUS");
        assertThat(DicomText.personName("Durand^")).isEqualTo("Durand");
        assertThat(DicomText.date("20240611")).isEqualTo("2024-06-11");
        assertThat(DicomText.date("2024")).isEqualTo("2024");
    }
}
