package org.orthancalbums.core.albums;

import java.util.Optional;

/**
 * Who may change whose role. Editors manage members up to editor; only owners touch owners; an
 * album always keeps one owner; anybody may leave (unless that would leave no owner).
 */
public final class MembershipRules {
    private MembershipRules() {
    }

    /** Why the change is refused, or empty when it is allowed. {@code currentRole} is null for a newcomer. */
    public static Optional<String> refuseRoleChange(AlbumRole actorRole, boolean actorIsTarget,
                                                    AlbumRole currentRole, AlbumRole newRole, int ownerCount) {
        boolean touchesOwner = newRole == AlbumRole.OWNER || currentRole == AlbumRole.OWNER;
        AlbumAction needed = touchesOwner ? AlbumAction.MANAGE_OWNERS : AlbumAction.MANAGE_MEMBERS;
        if (!needed.allowedFor(actorRole)) {
            return Optional.of(actorIsTarget && newRole != null && newRole.compareTo(actorRole) > 0
                    ? "you cannot raise your own role"
                    : "your role (" + actorRole + ") may not " + needed.description());
        }
        if (currentRole == AlbumRole.OWNER && newRole != AlbumRole.OWNER && ownerCount <= 1) {
            return Optional.of("an album must keep at least one owner");
        }
        return Optional.empty();
    }

    /** Why this member may not leave or be removed, or empty. */
    public static Optional<String> refuseRemoval(AlbumRole actorRole, boolean actorIsTarget,
                                                 AlbumRole targetRole, int ownerCount) {
        if (targetRole == AlbumRole.OWNER && ownerCount <= 1) {
            return Optional.of("an album must keep at least one owner: transfer ownership first");
        }
        if (actorIsTarget) {
            return Optional.empty();
        }
        AlbumAction needed = targetRole == AlbumRole.OWNER ? AlbumAction.MANAGE_OWNERS : AlbumAction.MANAGE_MEMBERS;
        return needed.allowedFor(actorRole)
                ? Optional.empty()
                : Optional.of("your role (" + actorRole + ") may not " + needed.description());
    }
}
