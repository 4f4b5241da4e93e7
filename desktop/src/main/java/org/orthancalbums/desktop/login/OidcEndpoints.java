package org.orthancalbums.desktop.login;

/**
 * The endpoints of an OpenID provider (a Keycloak realm), as its discovery document names them.
 * {@code endSession}, {@code revocation} and {@code deviceAuthorization} are null when the provider has none.
 */
public record OidcEndpoints(String issuer, String authorization, String token, String endSession, String revocation,
                            String deviceAuthorization) {
}
