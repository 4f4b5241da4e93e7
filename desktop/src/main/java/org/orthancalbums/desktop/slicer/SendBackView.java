package org.orthancalbums.desktop.slicer;

import static org.orthancalbums.desktop.settings.I18n.t;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.orthancalbums.desktop.Times;
import org.orthancalbums.desktop.access.CopyField;
import org.orthancalbums.desktop.access.ToolAccessModel;

/**
 * "Send results back": what a specialist made in 3D Slicer (a segmentation…) goes into the album
 * through Slicer's own DICOM send. Slicer's DICOMweb send takes an address and no token header
 * (DICOMLib's DICOMSender: HTTP basic auth from its settings at most), so the address to paste is
 * albums-server's DICOMweb root with an album upload token in its path.
 */
public final class SendBackView extends VBox {

    public SendBackView(ToolAccessModel model, Runnable onClose) {
        Label title = new Label(t("sendBack.title", model.album().name()));
        title.getStyleClass().add("title-3");
        title.setWrapText(true); // a long album name goes on a second line, not cut
        Label steps = new Label(t("sendBack.steps"));
        steps.setId("sendBackSteps");
        steps.setWrapText(true);
        CopyField address = new CopyField("sendBackAddress", Bindings.createStringBinding(() -> model.createdProperty().get() == null
                ? "" : model.createdProperty().get().rootWithToken(), model.createdProperty()));
        address.disableProperty().bind(model.createdProperty().isNull());
        Label care = new Label();
        care.setId("sendBackCare");
        care.setWrapText(true);
        care.getStyleClass().add("warning");
        care.textProperty().bind(Bindings.createStringBinding(() -> model.createdProperty().get() == null ? t("sendBack.creating")
                : t("sendBack.care", Times.dateTime(model.createdProperty().get().expiresAt())), model.createdProperty()));
        Label message = new Label();
        message.setId("sendBackMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Button close = new Button(t("upload.close"));
        close.setId("closeSendBack");
        close.setOnAction(e -> onClose.run());

        setSpacing(12);
        setPadding(new Insets(16));
        getChildren().addAll(title, steps, address, care, message, close);
    }
}
