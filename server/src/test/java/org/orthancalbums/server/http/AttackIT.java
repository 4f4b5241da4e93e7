package org.orthancalbums.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orthancalbums.server.Api.ALICE;
import static org.orthancalbums.server.Api.BOB;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.server.Api;
import org.orthancalbums.server.Api.Reply;
import org.orthancalbums.server.tokens.PluginProtocolIT;

/** The album API from an attacker's side: each attempt gets the right status and changes nothing. */
class AttackIT {
    private final Api alice = Api.as("alice");
    private final Api bob = Api.as("bob");

    @Test
    void noTokenOrGarbageIsUnauthorized() {
        assertThat(Api.anonymous().get("/api/albums").status()).isEqualTo(401);
        assertThat(Api.withAuthorization("Bearer not-a-jwt").get("/api/albums").status()).isEqualTo(401);
        assertThat(Api.withAuthorization("Basic YWxpY2U6YWxpY2U=").get("/api/albums").status()).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRefused() throws Exception {
        String[] parts = Stack.accessToken("alice").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(ALICE, BOB);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(Api.withAuthorization("Bearer " + forged).get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void unsignedAndHmacTokensAreRefused() throws Exception {
        JWTClaimsSet claims = JWTClaimsSet.parse(new String(Base64.getUrlDecoder().decode(Stack.accessToken("admin").split("\\.")[1]), StandardCharsets.UTF_8));
        String none = new PlainJWT(claims).serialize();
        assertThat(Api.withAuthorization("Bearer " + none).get("/api/albums?all=true").status()).isEqualTo(401);

        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hmac.sign(new MACSigner("a-secret-the-attacker-chose-32-bytes!".getBytes(StandardCharsets.UTF_8)));
        assertThat(Api.withAuthorization("Bearer " + hmac.serialize()).get("/api/albums?all=true").status()).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherRealmIsRefusedEvenForAnAdminThere() {
        // in "albums-other" there is an "alice" too, and she is even albums-admin there
        String foreign = Stack.passwordGrant("albums-other", "albums-desktop", "alice", "alice");
        Reply reply = Api.withAuthorization("Bearer " + foreign).get("/api/albums?all=true");
        assertThat(reply.status()).isEqualTo(401);
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        refusedEverywhere(Stack.idToken("alice"));
    }

    @Test
    void anotherApplicationsAccessTokenOfTheSameRealmIsRefused() {
        refusedEverywhere(Stack.passwordGrant("albums", "albums-tests-other-app", "alice", "alice"));
    }

    /** Refused by the API, and worth no more than an anonymous profile to Orthanc's plugin. */
    private static void refusedEverywhere(String token) {
        Reply me = Api.withAuthorization("Bearer " + token).get("/api/me");
        assertThat(me.status()).isEqualTo(401);
        assertThat(Api.withAuthorization("Bearer " + token).get("/api/albums").status()).isEqualTo(401);
        var profile = PluginProtocolIT.plugin("POST", "/user/get-profile",
                "{\"token-key\":\"Authorization\",\"token-value\":\"Bearer " + token + "\",\"server-id\":null}").json();
        assertThat(profile.path("permissions")).isEmpty();
        assertThat(profile.path("authorized-labels")).isEmpty();
    }

    @Test
    void theDirectoryIsOnlyForPeopleWhoMayShareAndTakesNoWildcards() {
        // dave is in no album as an editor or owner, and may not create albums
        Api dave = Api.as("dave");
        Reply refused = dave.get("/api/users?search=al");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text()).doesNotContain("alice@");
        alice.createAlbum("Mine to share");
        for (String everyone : List.of("**", "*a*", "\"alice\"")) {
            assertThat(alice.get("/api/users?search=" + java.net.URLEncoder.encode(everyone, StandardCharsets.UTF_8)).status())
                    .as(everyone).isEqualTo(400);
        }
        Reply byName = alice.get("/api/users?search=Nguy");
        assertThat(byName.json()).isNotEmpty().allSatisfy(user -> assertThat(user.path("email").asText()).isEmpty());
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String shortLived = Stack.passwordGrant("albums", "albums-tests-short-lived", "alice", "alice");
        Api api = Api.withAuthorization("Bearer " + shortLived);
        assertThat(api.get("/api/me").status()).as("valid while it lives").isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Reply reply;
        do {
            Thread.sleep(500);
            reply = api.get("/api/me");
        } while (reply.status() == 200 && System.nanoTime() < deadline);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.field("message")).contains("log in again");
    }

    @Test
    void nonMembersCannotTellAnAlbumFromNoAlbum() {
        String id = alice.createAlbum("Private");
        String random = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        for (String target : new String[] {id, random}) {
            assertThat(bob.get("/api/albums/" + target).status()).isEqualTo(404);
            assertThat(bob.patch("/api/albums/" + target, "{\"name\":\"mine now\"}").status()).isEqualTo(404);
            assertThat(bob.delete("/api/albums/" + target).status()).isEqualTo(404);
            assertThat(bob.get("/api/albums/" + target + "/studies").status()).isEqualTo(404);
            assertThat(bob.get("/api/albums/" + target + "/members").status()).isEqualTo(404);
            assertThat(bob.get("/api/albums/" + target + "/events").status()).isEqualTo(404);
            assertThat(bob.share(target, BOB, "OWNER").status()).isEqualTo(404);
        }
        assertThat(bob.get("/api/albums/" + id).field("message")).isEqualTo(bob.get("/api/albums/" + id).field("message"));
        assertThat(alice.get("/api/albums/" + id + "/members").json()).hasSize(1);
        assertThat(alice.get("/api/albums/" + id).field("name")).startsWith("Private");
    }

    @Test
    void membersCannotRaiseThemselves() {
        String id = alice.createAlbum("No promotion");
        alice.share(id, BOB, "VIEWER");
        for (String role : new String[] {"CONTRIBUTOR", "EDITOR", "OWNER"}) {
            assertThat(bob.share(id, BOB, role).status()).isEqualTo(403);
        }
        alice.share(id, BOB, "EDITOR");
        assertThat(bob.share(id, BOB, "OWNER").status()).isEqualTo(403);
        assertThat(bob.get("/api/albums/" + id).field("role")).isEqualTo("EDITOR");
    }

    @Test
    void theLastOwnerCannotBeRemovedOrDemoted() {
        String id = alice.createAlbum("Keep an owner");
        alice.share(id, BOB, "EDITOR");
        assertThat(bob.delete("/api/albums/" + id + "/members/" + ALICE).status()).isEqualTo(403);
        assertThat(bob.share(id, ALICE, "VIEWER").status()).isEqualTo(403);
        assertThat(alice.share(id, ALICE, "EDITOR").status()).isEqualTo(403);
        assertThat(alice.delete("/api/albums/" + id + "/members/" + ALICE).status()).isEqualTo(403);
        assertThat(alice.get("/api/albums/" + id).field("role")).isEqualTo("OWNER");
        // with a second owner, the first may step down
        alice.share(id, BOB, "OWNER");
        assertThat(alice.share(id, ALICE, "VIEWER").status()).isEqualTo(200);
    }

    @Test
    void aStudyTheCallerCannotSeeCannotBePulledIntoTheirAlbum() {
        String alicesAlbum = alice.createAlbum("Alice's studies");
        String secret = Api.newStudyIn(alicesAlbum, "Secret^Patient", "Not for bob");
        String orphan = Api.newStudy("Orphan^Patient", "In no album");
        String bobsAlbum = bob.createAlbum("Bob's trap");
        Reply stolen = bob.put("/api/albums/" + bobsAlbum + "/studies/" + secret, "");
        Reply orphaned = bob.put("/api/albums/" + bobsAlbum + "/studies/" + orphan, "");
        Reply missing = bob.put("/api/albums/" + bobsAlbum + "/studies/1.2.3.4.5.6.7", "");
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(orphaned.status()).isEqualTo(404);
        assertThat(stolen.field("message")).as("no oracle: same answer as a missing study")
                .isEqualTo(missing.field("message").replace("1.2.3.4.5.6.7", secret));
        assertThat(bob.get("/api/albums/" + bobsAlbum + "/studies").json().path("total").asInt()).isZero();
        String studyId = Api.orthanc().findStudyId(secret).orElseThrow();
        assertThat(Api.orthanc().studyLabels(studyId)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":", "[]", "null", "\"text\"", "{\"name\":\"x\",\"owner\":\"bob\"}", "{\"nom\":\"x\"}",
            "{\"name\":\"\"}", "{\"name\":\"   \"}", "{\"name\":\"line\\nbreak\"}", "{}"})
    void badAlbumBodiesAreRefusedWithAMessage(String body) {
        int before = alice.get("/api/albums").json().size();
        Reply reply = alice.post("/api/albums", body);
        assertThat(reply.status()).as(body).isEqualTo(400);
        assertThat(reply.field("error")).isEqualTo("bad_request");
        assertThat(reply.field("message")).isNotBlank();
        assertThat(alice.get("/api/albums").json().size()).isEqualTo(before);
    }

    @Test
    void namesAreLimitedTo120CharactersButAnyUnicodeIsKept() {
        assertThat(alice.post("/api/albums", "{\"name\":\"" + "x".repeat(10_000) + "\"}").status()).isEqualTo(400);
        assertThat(alice.post("/api/albums", "{\"name\":\"" + "x".repeat(121) + "\"}").status()).isEqualTo(400);
        assertThat(alice.post("/api/albums", "{\"name\":\"" + "🫀".repeat(120) + "\"}").status()).isEqualTo(201);
        String nasty = "Cœur/\"IRM\" \\ <script>alert(1)</script> ../../etc 🧠";
        Reply created = alice.post("/api/albums", "{\"name\":" + Api.quote(nasty) + "}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(alice.get("/api/albums/" + created.field("id")).field("name")).isEqualTo(nasty);
        assertThat(created.field("label")).matches("alb_[a-z0-9-]+_[a-z0-9]+");
    }

    @Test
    void oversizedBodiesAreRefused() {
        Reply reply = alice.post("/api/albums", "{\"name\":\"big\",\"description\":\"" + "x".repeat(2_000_000) + "\"}");
        assertThat(reply.status()).isEqualTo(413);
    }

    @Test
    void badRolesAndUidsAreBadRequests() {
        String id = alice.createAlbum("Bad input");
        assertThat(alice.share(id, BOB, "GOD").status()).isEqualTo(400);
        assertThat(alice.put("/api/albums/" + id + "/members/" + BOB, "{\"role\":\"VIEWER\",\"x\":1}").status()).isEqualTo(400);
        assertThat(alice.put("/api/albums/" + id + "/studies/not-a-uid", "").status()).isEqualTo(400);
        assertThat(alice.put("/api/albums/" + id + "/studies/" + "1.".repeat(40) + "1", "").status()).isEqualTo(400);
        assertThat(alice.get("/api/albums/" + id + "/members").json()).hasSize(1);
    }
}
