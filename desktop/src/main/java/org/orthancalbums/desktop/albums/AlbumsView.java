package org.orthancalbums.desktop.albums;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.input.TransferMode;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.api.AlbumView;

/** The left column: filter box, the albums (name, my role as a badge, study count), "New album". */
public final class AlbumsView extends VBox {
    private final ListView<AlbumView> list = new ListView<>();

    private final BiConsumer<List<Path>, AlbumView> onFilesDropped;

    /** {@code onFilesDropped}: folders, files or zip archives dropped on an album (null: on the list's empty part). */
    public AlbumsView(AlbumsModel model, Runnable onNewAlbum, BiConsumer<List<Path>, AlbumView> onFilesDropped) {
        this.onFilesDropped = onFilesDropped;
        TextField filter = new TextField();
        filter.setId("albumFilter");
        filter.setPromptText(t("albums.filter"));
        filter.textProperty().bindBidirectional(model.filterProperty());

        list.setId("albumList");
        list.setItems(model.visibleAlbums());
        list.setCellFactory(view -> {
            AlbumCell cell = new AlbumCell();
            acceptFiles(cell, cell::getItem);
            return cell;
        });
        acceptFiles(list, () -> null);
        list.setPlaceholder(new Label(t("albums.none")));
        list.setTooltip(new javafx.scene.control.Tooltip(t("upload.dropHint")));
        list.getSelectionModel().selectedItemProperty().addListener((o, old, album) -> {
            if (album != null) {
                model.selectedProperty().set(album);
            }
        });
        model.selectedProperty().addListener((o, old, album) -> {
            if (album != null && list.getSelectionModel().getSelectedItem() != album) {
                list.getSelectionModel().select(album);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Button create = new Button(t("albums.new"));
        create.setId("newAlbum");
        create.setMaxWidth(Double.MAX_VALUE);
        create.setOnAction(e -> onNewAlbum.run());
        create.setDisable(!model.canCreate());
        if (!model.canCreate()) {
            create.setTooltip(new Tooltip(t("albums.new.notAllowed")));
        }

        setSpacing(8);
        setPadding(new Insets(8));
        setPrefWidth(280);
        getChildren().addAll(filter, list, create);
    }

    public ListView<AlbumView> list() {
        return list;
    }

    /** What a drop of files on {@code album} does; the drag handlers and the tests call it alike. */
    public void dropFiles(List<Path> files, AlbumView album) {
        onFilesDropped.accept(files, album);
    }

    /** Makes {@code target} take dropped files for {@code album} (null: the user picks the album in the preview). */
    public void acceptFiles(Node target, Supplier<AlbumView> album) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.setOnDragDropped(e -> {
            if (e.getDragboard().hasFiles()) {
                dropFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList(), album.get());
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }

    /** Name on the first line, role badge and study count on the second. */
    private static final class AlbumCell extends ListCell<AlbumView> {
        @Override
        protected void updateItem(AlbumView album, boolean empty) {
            super.updateItem(album, empty);
            if (empty || album == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label name = new Label(album.name());
            name.getStyleClass().add("album-name");
            name.setWrapText(true); // a long name on two lines rather than cut
            name.setMinHeight(Region.USE_PREF_SIZE);
            Label role = new Label(t("role." + album.role().name()));
            role.getStyleClass().addAll("role-badge", "role-" + album.role().name().toLowerCase());
            Label count = new Label(t("albums.studyCount", album.studyCount()));
            count.getStyleClass().add("album-count");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox second = new HBox(6, role, spacer, count);
            second.setAlignment(Pos.CENTER_LEFT);
            VBox box = new VBox(2, name, second);
            // fit the list's width instead of growing a horizontal scroll bar
            setPrefWidth(0);
            setText(null);
            setGraphic(box);
            setAccessibleText(album.name() + ", " + t("role." + album.role().name()) + ", " + count.getText());
        }
    }
}
