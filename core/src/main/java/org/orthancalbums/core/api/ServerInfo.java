package org.orthancalbums.core.api;

/** {@code GET /api/config}: all the desktop app needs to know besides the server's URL. */
public record ServerInfo(String issuer, String clientId, String dicomWebRoot, String serverVersion) {
}
