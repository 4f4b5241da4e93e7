package org.orthancalbums.desktop.remote;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.orthancalbums.desktop.login.Session;

/** Turns a failure into one sentence for a person: what failed and what to do. Never a stack trace. */
public final class Problems {
    private Problems() {
    }

    public static String describe(String whatFailed, Throwable error) {
        return t("task.failed", whatFailed, advice(error));
    }

    public static boolean isSessionExpired(Throwable error) {
        return error instanceof Session.SessionExpiredException;
    }

    /** A failure on this computer whose message already says, in the user's language, what happened and what to do. */
    public static final class Explained extends Exception {
        public Explained(String sentence) {
            super(sentence);
        }
    }

    static String advice(Throwable error) {
        if (error instanceof Explained explained) {
            return explained.getMessage();
        }
        if (error instanceof Session.SessionExpiredException) {
            return t("problem.sessionExpired");
        }
        if (error instanceof ApiError api) {
            String message = api.getMessage();
            return message.isEmpty() ? t("problem.refused", api.status()) : sentence(message);
        }
        if (error instanceof ConnectException || error instanceof UnknownHostException) {
            return t("problem.unreachable");
        }
        if (error instanceof SocketTimeoutException) {
            return t("problem.timeout");
        }
        if (error instanceof IOException) {
            return t("problem.connection", error.getMessage());
        }
        return t("problem.unexpected", error.getClass().getSimpleName());
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }
}
