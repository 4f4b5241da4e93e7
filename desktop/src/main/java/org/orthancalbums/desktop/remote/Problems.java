package org.orthancalbums.desktop.remote;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.orthancalbums.desktop.login.Session;

/** Turns a failure into one sentence for a person: what failed and what to do. Never a stack trace. */
public final class Problems {
    private Problems() {
    }

    public static String describe(String whatFailed, Throwable error) {
        return t("task.failed", whatFailed, reason(error));
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

    /** What went wrong and what to do, in the user's language, without what failed: "the server took too long…". */
    public static String reason(Throwable error) {
        if (error instanceof Explained explained) {
            return explained.getMessage();
        }
        if (error instanceof Session.SessionExpiredException) {
            return t("problem.sessionExpired");
        }
        if (error instanceof ApiError api) {
            return server(api);
        }
        if (error instanceof ConnectException || error instanceof UnknownHostException) {
            return t("problem.unreachable");
        }
        if (error instanceof SocketTimeoutException) {
            return t("problem.timeout");
        }
        if (error instanceof IOException) {
            return t("problem.connection");
        }
        return t("problem.unexpected", error.getClass().getSimpleName());
    }

    /**
     * The server's error code in the user's language: its own sentence is English and written for
     * developers, so it is never shown as is.
     */
    static String server(ApiError api) {
        String code = api.error() == null ? "" : api.error();
        return switch (code) {
            case "bad_request" -> t("problem.server.badRequest");
            case "unauthorized" -> t("problem.server.unauthorized");
            case "forbidden" -> t("problem.server.forbidden");
            case "not_found" -> t("problem.server.notFound");
            case "conflict" -> t("problem.server.conflict");
            case "too_large" -> t("problem.server.tooLarge");
            case "unsupported_media_type" -> t("problem.server.unsupported");
            case "orthanc_unavailable", "archive_unavailable" -> t("problem.server.archiveUnavailable");
            case "orthanc_failed" -> t("problem.server.archiveFailed");
            case "directory_unavailable" -> t("problem.server.directoryUnavailable");
            case "internal" -> t("problem.server.internal");
            default -> t("problem.refused", api.status());
        };
    }

    /**
     * A network failure in a few words of the user's language, for a sentence that already says what could not be
     * reached: Java's own messages are English and technical ("Connection refused", "PKIX path building failed").
     */
    public static String network(Throwable error) {
        if (error instanceof ConnectException) {
            return t("network.refused");
        }
        if (error instanceof UnknownHostException) {
            return t("network.unknownHost");
        }
        if (error instanceof SocketTimeoutException) {
            return t("network.timeout");
        }
        if (error instanceof SSLException) {
            return t("network.secure");
        }
        return t("network.interrupted");
    }
}
