package org.orthancalbums.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.orthancalbums.core.testing.Stack;

/** The demo realm of the local stack: every demo user can log in and carries the right roles. */
class KeycloakLoginIT {

    @ParameterizedTest
    @CsvSource({"alice,album-creator,alice@example.org", "bob,album-creator,bob@example.org",
            "carol,album-creator,carol@example.org", "admin,albums-admin,admin@example.org"})
    void demoUserLogsInAndKeycloakKnowsWhoItIs(String user, String role, String email) throws Exception {
        String token = Stack.passwordGrant(user, user);
        HttpResponse<String> userInfo = Stack.http().send(HttpRequest.newBuilder(
                        URI.create(Stack.keycloakUrl() + "/realms/" + Stack.realm() + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(userInfo.statusCode()).isEqualTo(200);
        assertThat(userInfo.body()).contains("\"preferred_username\":\"" + user + "\"").contains(email);
        String claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains(role).contains("\"aud\":\"albums-server\"");
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThatThrownBy(() -> Stack.passwordGrant("alice", "bob")).hasMessageContaining("refused");
    }
}
