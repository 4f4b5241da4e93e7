package org.orthancalbums.desktop.main;

import java.util.List;

/**
 * The feature actions of the main window. The wiring builds them (what each does, when each can
 * run); the window places each where people look for it: album header, study details, the study
 * table's context menu, shortcuts.
 */
public record MainActions(AppAction share, AppAction history, AppAction toolAccess, AppAction downloadAlbum,
                          AppAction openInSlicer, AppAction sendBack, AppAction downloadStudy, AppAction settings,
                          AppAction uploadFiles, AppAction uploadFolder) {

    public List<AppAction> all() {
        return List.of(share, history, toolAccess, downloadAlbum, openInSlicer, sendBack, downloadStudy, settings, uploadFiles, uploadFolder);
    }
}
