package org.orthancalbums.server.albums;

import java.time.Instant;

/** An album's own data; which studies are in it is Orthanc's business (its label). */
public record Album(String id, String name, String description, String label, Instant createdAt, Instant updatedAt) {
}
