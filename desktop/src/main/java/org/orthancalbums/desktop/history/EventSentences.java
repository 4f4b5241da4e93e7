package org.orthancalbums.desktop.history;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.time.Instant;
import java.util.Map;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.desktop.Quantities;
import org.orthancalbums.desktop.Times;

/** One line of an album's history as a plain sentence in the user's language: "Alice Martin shared the album with bob as viewer." */
public final class EventSentences {
    private EventSentences() {
    }

    public static String sentence(EventView event) {
        Map<String, Object> d = event.detail() == null ? Map.of() : event.detail();
        String who = event.actorName() == null || event.actorName().isBlank() ? t("history.someone") : event.actorName();
        return switch (event.kind()) {
            case "created" -> t("history.created", who, text(d, "name"));
            case "renamed" -> t("history.renamed", who, text(d, "from"), text(d, "to"));
            case "described" -> t("history.described", who);
            case "member_added" -> t("history.memberAdded", who, text(d, "user"), role(d, "role"));
            case "member_changed" -> t("history.memberChanged", who, text(d, "user"), role(d, "to"), role(d, "from"));
            case "member_removed" -> Boolean.TRUE.equals(d.get("left")) ? t("history.left", who)
                    : t("history.memberRemoved", who, text(d, "user"));
            case "study_added" -> t("history.studyAdded", who, text(d, "studyInstanceUid"));
            case "study_removed" -> t("history.studyRemoved", who, text(d, "studyInstanceUid"));
            case "upload" -> t(text(d, "via").equals("app") ? "history.uploadApp" : "history.uploadLink", who, number(d, "instances"),
                    number(d, "studies"), megabytes(d), number(d, "failed"));
            case "token_created" -> t("view".equals(d.get("kind")) ? "history.viewLinkCreated" : "history.uploadLinkCreated", who,
                    expiry(d));
            case "token_revoked" -> t("view".equals(d.get("kind")) ? "history.viewLinkRevoked" : "history.uploadLinkRevoked", who);
            case "deleted" -> t("history.deleted", who, text(d, "name"));
            default -> t("history.other", who, event.kind());
        };
    }

    private static String text(Map<String, Object> detail, String key) {
        Object value = detail.get(key);
        return value == null ? "" : value.toString();
    }

    private static String role(Map<String, Object> detail, String key) {
        return t("role." + text(detail, key));
    }

    private static long number(Map<String, Object> detail, String key) {
        return detail.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static String megabytes(Map<String, Object> detail) {
        return Quantities.megabytes(number(detail, "bytes"));
    }

    private static String expiry(Map<String, Object> detail) {
        try {
            return Times.dateTime(Instant.parse(text(detail, "expiresAt")));
        } catch (java.time.format.DateTimeParseException e) {
            return "–";
        }
    }
}
