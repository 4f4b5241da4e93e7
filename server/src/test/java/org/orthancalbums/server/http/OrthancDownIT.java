package org.orthancalbums.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.Api.Reply;

/** Orthanc down: the album API says so, without telling callers where Orthanc lives (that is for the log). */
class OrthancDownIT {
    @Test
    void anAnswerWithoutOrthancKeepsItsAddressToTheLog() {
        Api alice = Api.as("alice");
        String id = alice.createAlbum("While Orthanc is away");
        Stack.kill("orthanc");
        try {
            Reply reply = alice.get("/api/albums/" + id + "/studies");
            assertThat(reply.status()).isIn(502, 503);
            assertThat(reply.field("message")).contains("Orthanc")
                    .doesNotContain(Stack.orthancUrl().getHost())
                    .doesNotContain(":" + Stack.orthancUrl().getPort());
        } finally {
            Stack.up();
        }
    }
}
