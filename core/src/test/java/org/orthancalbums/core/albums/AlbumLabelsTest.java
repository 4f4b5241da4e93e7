package org.orthancalbums.core.albums;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlbumLabelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"Cardiac MRI 2024", "Échographie fœtale – Lyon", "../../etc/passwd", "\"quotes\" & <tags>",
            "🫀🧠", "", "   ", "a very long album name that goes on and on and on and on and on and on and on and on and on"})
    void everyNameGivesAValidAlbumLabel(String name) {
        String label = AlbumLabels.newLabel(name);
        assertThat(AlbumLabels.isValidOrthancLabel(label)).as(label).isTrue();
        assertThat(AlbumLabels.isAlbumLabel(label)).isTrue();
        assertThat(label.length()).isLessThanOrEqualTo(64);
    }

    @Test
    void slugKeepsWhatAPersonWouldRecognise() {
        assertThat(AlbumLabels.slug("Échographie fœtale – Lyon")).isEqualTo("echographie-foetale-lyon");
        assertThat(AlbumLabels.slug("🫀🧠")).isEqualTo("album");
        assertThat(AlbumLabels.slug("x".repeat(100))).hasSize(24);
    }

    @Test
    void sameNameGivesDistinctLabels() {
        Set<String> labels = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            labels.add(AlbumLabels.newLabel("Study", random));
        }
        assertThat(labels).hasSize(10_000);
    }

    @Test
    void foreignLabelsAreNotAlbums() {
        assertThat(AlbumLabels.isAlbumLabel("research")).isFalse();
        assertThat(AlbumLabels.isAlbumLabel("alb_bad label")).isFalse();
        assertThat(AlbumLabels.isAlbumLabel("alb_" + "x".repeat(61))).isFalse();
        assertThat(AlbumLabels.isAlbumLabel("alb_cardiac_abc123")).isTrue();
    }
}
