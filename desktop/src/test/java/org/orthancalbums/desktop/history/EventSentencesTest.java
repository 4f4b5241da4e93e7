package org.orthancalbums.desktop.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.desktop.settings.I18n;

/** Every kind of event the server records, as a sentence in English and in French. */
class EventSentencesTest {

    @AfterEach
    void english() {
        I18n.use(Locale.ENGLISH);
    }

    @Test
    void everyKindReadsAsASentence() {
        I18n.use(Locale.ENGLISH);
        assertThat(say("created", Map.of("name", "Liver"))).isEqualTo("Alice Martin created the album “Liver”.");
        assertThat(say("renamed", Map.of("from", "A", "to", "B"))).isEqualTo("Alice Martin renamed the album from “A” to “B”.");
        assertThat(say("described", Map.of())).isEqualTo("Alice Martin changed the album’s description.");
        assertThat(say("member_added", Map.of("user", "bob", "role", "EDITOR"))).isEqualTo("Alice Martin shared the album with bob as editor.");
        assertThat(say("member_changed", Map.of("user", "bob", "from", "VIEWER", "to", "CONTRIBUTOR")))
                .isEqualTo("Alice Martin made bob contributor (was viewer).");
        assertThat(say("member_removed", Map.of("user", "bob", "left", false))).isEqualTo("Alice Martin removed bob from the album.");
        assertThat(say("member_removed", Map.of("user", "alice", "left", true))).isEqualTo("Alice Martin left the album.");
        assertThat(say("study_added", Map.of("studyInstanceUid", "1.2.3"))).isEqualTo("Alice Martin added the study 1.2.3 to the album.");
        assertThat(say("study_removed", Map.of("studyInstanceUid", "1.2.3"))).isEqualTo("Alice Martin removed the study 1.2.3 from the album.");
        assertThat(say("upload", Map.of("instances", 1, "studies", 1, "bytes", 2_500_000, "failed", 0, "via", "app")))
                .isEqualTo("Alice Martin uploaded 1 image in 1 study (2.5 MB) with the app.");
        assertThat(say("upload", Map.of("instances", 120, "studies", 2, "bytes", 64_000_000, "failed", 3, "via", "token k1")))
                .isEqualTo("Alice Martin’s upload key sent 120 images in 2 studies (64.0 MB); 3 files were refused.");
        assertThat(say("token_created", Map.of("kind", "upload", "expiresAt", "2026-12-01T10:00:00Z")))
                .startsWith("Alice Martin created an upload key valid until ").doesNotContain("–");
        assertThat(say("token_created", Map.of("kind", "view", "expiresAt", "2026-12-01T10:00:00Z")))
                .startsWith("Alice Martin opened a study in a viewer (link valid until ");
        assertThat(say("token_revoked", Map.of("kind", "upload"))).isEqualTo("Alice Martin revoked an upload key.");
        assertThat(say("token_revoked", Map.of("kind", "view"))).isEqualTo("Alice Martin revoked a viewer link.");
        assertThat(say("deleted", Map.of("name", "Liver", "studiesDeleted", 0))).isEqualTo("Alice Martin deleted the album “Liver”.");
        assertThat(say("something_new", Map.of())).isEqualTo("Alice Martin: something_new.");
    }

    @Test
    void andInFrench() {
        I18n.use(Locale.FRENCH);
        assertThat(say("member_changed", Map.of("user", "bob", "from", "VIEWER", "to", "EDITOR")))
                .isEqualTo("Alice Martin a fait de bob un éditeur (était lecteur).");
        assertThat(say("upload", Map.of("instances", 1, "studies", 1, "bytes", 2_500_000, "failed", 1, "via", "app")))
                .isEqualTo("Alice Martin a envoyé 1 image dans 1 examen (2,5 Mo) avec l’application ; 1 fichier a été refusé.");
        assertThat(say("member_removed", Map.of("user", "alice", "left", true))).isEqualTo("Alice Martin a quitté l’album.");
    }

    private static String say(String kind, Map<String, Object> detail) {
        return EventSentences.sentence(new EventView(1, Instant.parse("2026-11-30T10:00:00Z"), "a11ce", "Alice Martin", kind, detail));
    }
}
