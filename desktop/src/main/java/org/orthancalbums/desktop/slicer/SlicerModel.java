package org.orthancalbums.desktop.slicer;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.IOException;
import java.nio.file.Path;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.desktop.DicomText;
import org.orthancalbums.desktop.Times;
import org.orthancalbums.desktop.main.Activity;
import org.orthancalbums.desktop.remote.AlbumsClient;
import org.orthancalbums.desktop.remote.Problems;
import org.orthancalbums.desktop.settings.AppSettings;

/**
 * "Open in 3D Slicer": find Slicer, create a view token for this one study (read-only, for the
 * lifetime set in Settings), start Slicer with the link. Slicer fetches the study itself over
 * DICOMweb through Orthanc's authorization plugin, which asks albums-server about the token.
 */
public final class SlicerModel {
    private final AlbumsClient client;
    private final Activity activity;
    private final AppSettings settings;
    private final SlicerLocator locator;
    private final SlicerLauncher launcher;

    public SlicerModel(AlbumsClient client, Activity activity, AppSettings settings, SlicerLocator locator, SlicerLauncher launcher) {
        this.client = client;
        this.activity = activity;
        this.settings = settings;
        this.locator = locator;
        this.launcher = launcher;
    }

    public void open(AlbumView album, StudySummary study) {
        String who = DicomText.personName(study.patientName());
        activity.run(t("slicer.task", who), () -> {
            // Slicer first: no token is made for a Slicer that cannot be started
            Path slicer = locator.find(settings.slicerExecutable()).orElseThrow(() -> new Problems.Explained(t("slicer.notFound")));
            TokenViews.Created token = client.createToken(album.id(), "view", settings.viewLinkHours() * 3600L, study.studyInstanceUid(), false);
            try {
                launcher.start(slicer, SlicerLink.viewer(study.studyInstanceUid(), token.dicomWebRoot(), token.token()));
            } catch (IOException e) {
                revokeQuietly(album, token);
                throw new Problems.Explained(t("slicer.cannotStart", slicer, e.getMessage()));
            }
            return token;
        }, token -> activity.inform(t("slicer.started", who, Times.dateTime(token.expiresAt()))), () -> open(album, study));
    }

    /** A token for a Slicer that did not start serves nobody; if revoking fails too, it still expires. */
    private void revokeQuietly(AlbumView album, TokenViews.Created token) {
        try {
            client.revokeToken(album.id(), token.id());
        } catch (IOException e) {
            // the launch failure is what the user needs to hear about
        }
    }
}
