package org.orthancalbums.desktop.access;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.time.Duration;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.api.TokenViews;
import org.orthancalbums.desktop.DisplayConverter;
import org.orthancalbums.desktop.Times;

/**
 * "Upload access for a tool": choose a lifetime, create; the new key and its addresses are shown
 * once with copy buttons; below, the album's live tokens with who made them and when they were last
 * used, each with Revoke.
 */
public final class ToolAccessView extends VBox {

    public ToolAccessView(ToolAccessModel model, Runnable onClose) {
        Label title = new Label(t("access.title", model.album().name()));
        title.getStyleClass().add("title-3");
        Label explain = new Label(t("access.explain"));
        explain.setWrapText(true);

        ComboBox<Duration> lifetime = new ComboBox<>();
        lifetime.setId("accessLifetime");
        lifetime.getItems().setAll(ToolAccessModel.LIFETIMES);
        lifetime.valueProperty().bindBidirectional(model.lifetimeProperty());
        lifetime.setConverter(DisplayConverter.of(ToolAccessView::lifetime));
        Button create = new Button(t("access.create"));
        create.setId("createAccess");
        create.getStyleClass().add("accent");
        create.setOnAction(e -> model.create());
        HBox newAccess = new HBox(8, new Label(t("access.validFor")), lifetime, create);
        newAccess.setAlignment(Pos.CENTER_LEFT);

        Label once = new Label();
        once.setId("accessOnce");
        once.setWrapText(true);
        once.getStyleClass().add("warning");
        once.textProperty().bind(text(model, a -> t("access.once", Times.dateTime(a.expiresAt()))));
        VBox addresses = new VBox(4, new Label(t("access.stowUrl")), new CopyField("accessStowUrl", text(model, UploadAccess::stowUrl)),
                new Label(t("access.token")), new CopyField("accessToken", text(model, UploadAccess::token)),
                new Label(t("access.rootWithToken")), new CopyField("accessRootWithToken", text(model, UploadAccess::rootWithToken)));
        VBox dicom = new VBox(4, new Label(t("access.dicom")),
                new HBox(8, labelled(t("access.dicomHost"), new CopyField("accessDicomHost", text(model, UploadAccess::dicomHost))),
                        labelled(t("access.dicomPort"), new CopyField("accessDicomPort", text(model, UploadAccess::dicomPort)))),
                labelled(t("access.dicomAet"), new CopyField("accessDicomAet", text(model, UploadAccess::calledAeTitle))));
        dicom.setId("accessDicom");
        dicom.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> model.createdProperty().get() != null && model.createdProperty().get().dicom() != null, model.createdProperty()));
        dicom.managedProperty().bind(dicom.visibleProperty());
        addresses.getChildren().add(dicom);
        Label header = new Label(t("access.headerHint"));
        header.setWrapText(true);
        header.getStyleClass().add("hint");
        VBox shown = new VBox(8, once, addresses, header);
        shown.setId("accessCreated");
        shown.getStyleClass().add("created-access");
        shown.visibleProperty().bind(model.createdProperty().isNotNull());
        shown.managedProperty().bind(shown.visibleProperty());

        TableView<TokenViews.Listed> tokens = new TableView<>(model.tokens());
        tokens.setId("accessTokens");
        tokens.setPlaceholder(new Label(t("access.none")));
        tokens.getColumns().add(column(t("access.col.kind"), token -> t("access.kind." + token.kind()), 70));
        tokens.getColumns().add(column(t("access.col.creator"), TokenViews.Listed::creatorName, 130));
        tokens.getColumns().add(column(t("access.col.created"), token -> Times.dateTime(token.createdAt()), 140));
        tokens.getColumns().add(column(t("access.col.expires"), token -> Times.dateTime(token.expiresAt()), 140));
        tokens.getColumns().add(column(t("access.col.lastUsed"), token -> token.lastUsedAt() == null ? t("access.never")
                : Times.dateTime(token.lastUsedAt()), 140));
        TableColumn<TokenViews.Listed, TokenViews.Listed> revoke = new TableColumn<>();
        revoke.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        revoke.setCellFactory(column -> new TableCell<>() {
            private final Button button = new Button(t("access.revoke"));

            {
                button.getStyleClass().add("danger");
            }

            @Override
            protected void updateItem(TokenViews.Listed token, boolean empty) {
                super.updateItem(token, empty);
                button.setOnAction(e -> model.revoke(token));
                setGraphic(empty || token == null ? null : button);
            }
        });
        revoke.setPrefWidth(90);
        tokens.getColumns().add(revoke);
        tokens.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        tokens.setPrefHeight(180);
        VBox.setVgrow(tokens, Priority.ALWAYS);

        Label message = new Label();
        message.setId("accessMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Button close = new Button(t("upload.close"));
        close.setId("closeAccess");
        close.setOnAction(e -> onClose.run());

        setSpacing(10);
        setPadding(new Insets(16));
        getChildren().addAll(title, explain, newAccess, shown, new Label(t("access.live")), tokens, message, close);
    }

    private static ObservableStringValue text(ToolAccessModel model, Function<UploadAccess, String> part) {
        return Bindings.createStringBinding(() -> model.createdProperty().get() == null ? "" : part.apply(model.createdProperty().get()),
                model.createdProperty());
    }

    private static VBox labelled(String label, CopyField field) {
        HBox.setHgrow(field, Priority.ALWAYS);
        return new VBox(2, new Label(label), field);
    }

    static String lifetime(Duration duration) {
        return duration.toDays() >= 1 ? t("access.days", duration.toDays()) : t("access.hours", duration.toHours());
    }

    private static TableColumn<TokenViews.Listed, String> column(String title, Function<TokenViews.Listed, String> value, double width) {
        TableColumn<TokenViews.Listed, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }
}
