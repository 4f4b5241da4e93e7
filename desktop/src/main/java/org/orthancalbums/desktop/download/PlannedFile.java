package org.orthancalbums.desktop.download;

/** One file of a download: its place under the chosen folder ("/"-separated), which instance it is, its size. */
record PlannedFile(String path, String studyInstanceUid, String sopInstanceUid, long size, String studyLabel) {
}
