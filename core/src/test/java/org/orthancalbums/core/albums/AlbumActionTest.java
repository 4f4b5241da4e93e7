package org.orthancalbums.core.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.core.albums.AlbumAction.*;
import static org.orthancalbums.core.albums.AlbumRole.*;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlbumActionTest {

    /** DESIGN §3, written out row by row so a change to the enum shows up here. */
    private static final Map<AlbumRole, Set<AlbumAction>> TABLE = Map.of(
            OWNER, EnumSet.allOf(AlbumAction.class),
            EDITOR, EnumSet.of(VIEW_STUDIES, CREATE_VIEW_TOKEN, UPLOAD, ADD_STUDY, CREATE_UPLOAD_TOKEN,
                    REMOVE_STUDY, EDIT_DETAILS, MANAGE_MEMBERS, PUBLISH_STUDY),
            CONTRIBUTOR, EnumSet.of(VIEW_STUDIES, CREATE_VIEW_TOKEN, UPLOAD, ADD_STUDY, CREATE_UPLOAD_TOKEN),
            VIEWER, EnumSet.of(VIEW_STUDIES, CREATE_VIEW_TOKEN));

    @Test
    void everyRoleMayDoExactlyItsRowOfTheTable() {
        for (AlbumRole role : AlbumRole.values()) {
            Set<AlbumAction> allowed = EnumSet.noneOf(AlbumAction.class);
            for (AlbumAction action : AlbumAction.values()) {
                if (action.allowedFor(role)) {
                    allowed.add(action);
                }
            }
            assertThat(allowed).as(role.name()).isEqualTo(TABLE.get(role));
        }
    }

    @Test
    void noRoleMayDoNothing() {
        for (AlbumAction action : AlbumAction.values()) {
            assertThat(action.allowedFor(null)).isFalse();
        }
    }

    @Test
    void rolesParseCaseInsensitivelyAndRejectTheRest() {
        assertThat(AlbumRole.parse("editor")).contains(EDITOR);
        assertThat(AlbumRole.parse(" OWNER ")).contains(OWNER);
        assertThat(AlbumRole.parse("admin")).isEmpty();
        assertThat(AlbumRole.parse(null)).isEmpty();
    }
}
