package org.orthancalbums.desktop.upload;

/**
 * Where one study of an upload stands: its files, how many the album now holds (stored by this upload
 * or there before), how many failed, and how many are on the wire right now.
 */
public record StudyProgress(String studyInstanceUid, int files, int stored, int alreadyPresent, int failed, int sending) {

    public enum State { WAITING, SENDING, DONE, FAILED }

    public int inAlbum() {
        return stored + alreadyPresent;
    }

    public State state() {
        if (inAlbum() + failed == files) {
            return failed > 0 ? State.FAILED : State.DONE;
        }
        return sending > 0 || inAlbum() + failed > 0 ? State.SENDING : State.WAITING;
    }
}
