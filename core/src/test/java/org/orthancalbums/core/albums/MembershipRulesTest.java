package org.orthancalbums.core.albums;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.core.albums.AlbumRole.*;
import static org.orthancalbums.core.albums.MembershipRules.refuseRemoval;
import static org.orthancalbums.core.albums.MembershipRules.refuseRoleChange;

import org.junit.jupiter.api.Test;

class MembershipRulesTest {

    @Test
    void editorsShareUpToEditorButNeverTouchOwners() {
        assertThat(refuseRoleChange(EDITOR, false, null, VIEWER, 1)).isEmpty();
        assertThat(refuseRoleChange(EDITOR, false, VIEWER, EDITOR, 1)).isEmpty();
        assertThat(refuseRoleChange(EDITOR, false, null, OWNER, 1)).isPresent();
        assertThat(refuseRoleChange(EDITOR, false, OWNER, VIEWER, 2)).isPresent();
    }

    @Test
    void membersCannotRaiseThemselves() {
        assertThat(refuseRoleChange(VIEWER, true, VIEWER, OWNER, 1)).hasValue("you cannot raise your own role");
        assertThat(refuseRoleChange(CONTRIBUTOR, true, CONTRIBUTOR, EDITOR, 1)).isPresent();
        assertThat(refuseRoleChange(EDITOR, true, EDITOR, OWNER, 1)).isPresent();
    }

    @Test
    void theLastOwnerStays() {
        assertThat(refuseRoleChange(OWNER, true, OWNER, EDITOR, 1)).hasValue("an album must keep at least one owner");
        assertThat(refuseRoleChange(OWNER, true, OWNER, EDITOR, 2)).isEmpty();
        assertThat(refuseRemoval(OWNER, true, OWNER, 1)).isPresent();
        assertThat(refuseRemoval(OWNER, false, OWNER, 2)).isEmpty();
    }

    @Test
    void anyoneMayLeaveButOnlyManagersRemoveOthers() {
        assertThat(refuseRemoval(VIEWER, true, VIEWER, 1)).isEmpty();
        assertThat(refuseRemoval(CONTRIBUTOR, false, VIEWER, 1)).isPresent();
        assertThat(refuseRemoval(EDITOR, false, CONTRIBUTOR, 1)).isEmpty();
        assertThat(refuseRemoval(EDITOR, false, OWNER, 2)).isPresent();
    }
}
