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

    @Test
    void timesAndAgesAsASpecialistReadsThem() {
        assertThat(DicomText.time("120000")).isEqualTo("12:00");
        assertThat(DicomText.time("093512.123456")).isEqualTo("09:35");
        assertThat(DicomText.time("0935")).isEqualTo("09:35");
        assertThat(DicomText.time("09")).isEqualTo("09:00");
        assertThat(DicomText.time("")).isEmpty();
        assertThat(DicomText.time("9:35")).as("not DICOM: as it is").isEqualTo("9:35");

        assertThat(DicomText.age("19700101", "20170113")).isEqualTo(47);
        assertThat(DicomText.age("19700114", "20170113")).as("the day before the birthday").isEqualTo(46);
        assertThat(DicomText.age("", "20170113")).isNull();
        assertThat(DicomText.age("19700101", "")).isNull();
        assertThat(DicomText.age("20200101", "20170113")).as("born after the study: a broken date").isNull();
        assertThat(DicomText.age("19701301", "20170113")).isNull();
    }
}
