package org.orthancalbums.desktop.history;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.api.EventView;
import org.orthancalbums.desktop.Times;

/** The album's activity: one sentence per event with its time, newest first, paged. */
public final class HistoryView extends VBox {

    public HistoryView(HistoryModel model, Runnable onClose) {
        Label title = new Label(t("history.title", model.album().name()));
        title.getStyleClass().add("title-3");

        ListView<EventView> events = new ListView<>(model.events());
        events.setId("historyList");
        events.setPlaceholder(new Label(t("history.none")));
        events.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(EventView event, boolean empty) {
                super.updateItem(event, empty);
                if (empty || event == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                Label sentence = new Label(EventSentences.sentence(event));
                sentence.setWrapText(true);
                // wrap at the list's width (less its scroll bar) rather than cut a long sentence
                sentence.prefWidthProperty().bind(getListView().widthProperty().subtract(40));
                sentence.setMinHeight(Region.USE_PREF_SIZE);
                sentence.getStyleClass().add("history-sentence");
                Label when = new Label(Times.dateTime(event.at()));
                when.getStyleClass().add("history-time");
                VBox box = new VBox(2, sentence, when);
                setPrefWidth(0);
                setText(null);
                setGraphic(box);
                setAccessibleText(sentence.getText() + ", " + when.getText());
            }
        });
        VBox.setVgrow(events, Priority.ALWAYS);

        Button newer = new Button(t("history.newer"));
        newer.setId("historyNewer");
        newer.setOnAction(e -> model.newer());
        newer.disableProperty().bind(model.offsetProperty().isEqualTo(0));
        Button older = new Button(t("history.older"));
        older.setId("historyOlder");
        older.setOnAction(e -> model.older());
        older.disableProperty().bind(Bindings.createBooleanBinding(() -> !model.hasOlder(), model.offsetProperty(), model.totalProperty()));
        Label page = new Label();
        page.setId("historyPage");
        page.textProperty().bind(model.pageTextProperty());
        Button refresh = new Button(t("history.refresh"));
        refresh.setId("historyRefresh");
        refresh.setOnAction(e -> model.load());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox paging = new HBox(8, refresh, spacer, newer, page, older);
        paging.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("historyMessage");
        message.setWrapText(true);
        message.getStyleClass().add("problem");
        message.textProperty().bind(model.messageProperty());
        Button close = new Button(t("upload.close"));
        close.setId("closeHistory");
        close.setOnAction(e -> onClose.run());

        setSpacing(10);
        setPadding(new Insets(16));
        getChildren().addAll(title, events, paging, message, close);
    }
}
