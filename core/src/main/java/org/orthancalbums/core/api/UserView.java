package org.orthancalbums.core.api;

/** A person found in the directory, for the share dialog. */
public record UserView(String id, String username, String name, String email) {
}
