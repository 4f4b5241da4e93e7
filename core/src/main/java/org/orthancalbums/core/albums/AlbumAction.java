package org.orthancalbums.core.albums;

/**
 * What a member may do in an album, with the weakest role allowed to do it. This enum is the role
 * table of the product (DESIGN §3): the server enforces it and the desktop app greys out with it.
 */
public enum AlbumAction {
    VIEW_STUDIES(AlbumRole.VIEWER, "see, download and open its studies"),
    CREATE_VIEW_TOKEN(AlbumRole.VIEWER, "open its studies in an external viewer"),
    UPLOAD(AlbumRole.CONTRIBUTOR, "upload into it"),
    ADD_STUDY(AlbumRole.CONTRIBUTOR, "add studies to it"),
    CREATE_UPLOAD_TOKEN(AlbumRole.CONTRIBUTOR, "create upload links for it"),
    REMOVE_STUDY(AlbumRole.EDITOR, "remove studies from it"),
    EDIT_DETAILS(AlbumRole.EDITOR, "rename it or change its description"),
    MANAGE_MEMBERS(AlbumRole.EDITOR, "share it or change its members"),
    // a publication link (OE2's share button) opens a study to anyone holding it: as strong as adding a member
    PUBLISH_STUDY(AlbumRole.EDITOR, "publish its studies as viewer links"),
    DELETE_ALBUM(AlbumRole.OWNER, "delete it"),
    MANAGE_OWNERS(AlbumRole.OWNER, "add, change or remove its owners");

    private final AlbumRole minimumRole;
    private final String description;

    AlbumAction(AlbumRole minimumRole, String description) {
        this.minimumRole = minimumRole;
        this.description = description;
    }

    public AlbumRole minimumRole() {
        return minimumRole;
    }

    /** Human words for "you may not …", e.g. "remove studies from it". */
    public String description() {
        return description;
    }

    public boolean allowedFor(AlbumRole role) {
        return role != null && role.atLeast(minimumRole);
    }
}
