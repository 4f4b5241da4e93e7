package org.orthancalbums.desktop.login;

import static org.orthancalbums.desktop.settings.I18n.t;

import org.orthancalbums.desktop.settings.I18n;

/** The page the browser shows after the login redirect, in the app's language: self-contained, nothing loaded from elsewhere. */
final class CallbackPage {
    private CallbackPage() {
    }

    static String success() {
        return page(t("callback.success.title"), "#1a7f37", t("callback.success.headline"), t("callback.success.detail"));
    }

    static String failure(String reason) {
        return page(t("callback.failure.title"), "#cf222e", t("callback.failure.headline"),
                escape(reason) + "<br>" + escape(t("callback.failure.detail")));
    }

    static String notFound() {
        return page(t("callback.notFound.title"), "#57606a", t("callback.notFound.headline"), t("callback.notFound.detail"));
    }

    private static String page(String title, String color, String headline, String detailHtml) {
        return """
                <!DOCTYPE html>
                <html lang="%s"><head><meta charset="utf-8"><title>%s – Orthanc Albums</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>
                  body { font-family: system-ui, sans-serif; background: #f6f8fa; color: #24292f; margin: 0; }
                  main { max-width: 32rem; margin: 15vh auto; padding: 2rem; background: #fff;
                         border-radius: 12px; box-shadow: 0 1px 4px rgba(0,0,0,.15); border-top: 6px solid %s; }
                  h1 { font-size: 1.4rem; margin-top: 0; }
                  p { line-height: 1.5; }
                </style></head>
                <body><main><h1>%s</h1><p>%s</p></main></body></html>
                """.formatted(I18n.locale().getLanguage(), title, color, headline, detailHtml);
    }

    /** The reason may quote the redirect's query string, which anyone can craft. */
    static String escape(String text) {
        StringBuilder html = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }
}
