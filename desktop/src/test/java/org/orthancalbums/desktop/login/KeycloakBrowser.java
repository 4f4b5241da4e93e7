package org.orthancalbums.desktop.login;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the user's browser at Keycloak's login page: its own cookies, the {@code kc-form-login} form,
 * and the redirect to the app's loopback port followed for real.
 */
public final class KeycloakBrowser {
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]*)\"");
    private static final Pattern CREDENTIAL_ID = Pattern.compile("<input[^>]*name=\"credentialId\"[^>]*>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new LoopbackIsSecure()).followRedirects(HttpClient.Redirect.NEVER).build();
    private HttpResponse<String> page;

    /** What a BrowserOpener does: show the page. */
    public void open(String url) throws IOException, InterruptedException {
        page = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        // Keycloak's device page redirects to its login form first; a browser follows
        while ((page.statusCode() == 302 || page.statusCode() == 303) && page.headers().firstValue("Location").isPresent()) {
            URI next = page.uri().resolve(page.headers().firstValue("Location").get());
            page = http.send(HttpRequest.newBuilder(next).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Fills in the login form and submits it; a redirect is followed, to the app's loopback port too. */
    public void logIn(String username, String secret) throws IOException, InterruptedException {
        Matcher form = LOGIN_FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("No Keycloak login form on the page (HTTP " + page.statusCode() + ")");
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new AssertionError("The login form has no action");
        }
        String body = "username=" + encode(username) + "&password=" + encode(secret) + credentialId();
        page = http.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() == 302) {
            open(page.headers().firstValue("Location").orElseThrow());
        }
    }

    /** Answers "Yes" on Keycloak's "Grant access" page (the device login always asks). */
    public void grantAccess() throws IOException, InterruptedException {
        Matcher form = Pattern.compile("<form[^>]*action=\"([^\"]*consent[^\"]*)\"").matcher(page.body());
        Matcher code = Pattern.compile("name=\"code\" value=\"([^\"]*)\"").matcher(page.body());
        if (!form.find() || !code.find()) {
            throw new AssertionError("No consent form on the page (HTTP " + page.statusCode() + ")");
        }
        page = http.send(HttpRequest.newBuilder(page.uri().resolve(form.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + encode(code.group(1)) + "&accept=Yes")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public String pageText() {
        return page.body();
    }

    private String credentialId() {
        Matcher input = CREDENTIAL_ID.matcher(page.body());
        if (!input.find()) {
            return "";
        }
        Matcher value = VALUE.matcher(input.group());
        return "&credentialId=" + (value.find() ? encode(value.group(1)) : "");
    }

    /**
     * Browsers treat http://127.0.0.1 as a secure context and send it Keycloak's {@code Secure} cookies;
     * java.net's CookieManager sends those over https only. So it is told every address is https.
     */
    private static final class LoopbackIsSecure extends CookieHandler {
        private final CookieManager cookies = new CookieManager();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return cookies.get(asHttps(uri), requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            cookies.put(asHttps(uri), responseHeaders);
        }

        private static URI asHttps(URI uri) {
            return URI.create("https" + uri.toString().substring(uri.getScheme().length()));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
