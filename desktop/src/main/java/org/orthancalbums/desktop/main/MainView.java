package org.orthancalbums.desktop.main;

import static org.orthancalbums.desktop.settings.I18n.t;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import org.kordamp.ikonli.javafx.FontIcon;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.orthancalbums.core.albums.AlbumAction;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.desktop.DisplayConverter;
import org.orthancalbums.desktop.albums.AlbumDialogs;
import org.orthancalbums.desktop.albums.AlbumsModel;
import org.orthancalbums.desktop.albums.AlbumsView;
import org.orthancalbums.desktop.studies.StudiesModel;
import org.orthancalbums.desktop.studies.StudiesView;
import org.orthancalbums.desktop.studies.StudyDetailsView;

/**
 * The main window: albums on the left, the selected album's studies in the middle, the selected
 * study's details on the right, what is going on at the bottom. Actions a role does not allow are
 * disabled, with a tooltip that says why.
 */
public final class MainView extends BorderPane {
    private final MainModel model;
    private final MainActions actions;
    private final StudiesView studiesView;

    private final AlbumsView albumsView;

    public MainView(MainModel model, Runnable onLogout, Runnable onLogInAgain, Runnable onToggleTheme,
                    BiConsumer<List<Path>, AlbumView> onFilesDropped, String language, Consumer<String> onLanguage,
                    MainActions actions) {
        this.model = model;
        this.actions = actions;
        AlbumsModel albums = model.albums();
        StudiesModel studies = model.studies();

        Label product = new Label(t("app.title"));
        product.getStyleClass().add("title-3");
        Label user = new Label(model.me().name());
        user.setId("userName");
        Button theme = new Button(t("main.theme"));
        theme.setId("toggleTheme");
        theme.setOnAction(e -> onToggleTheme.run());
        Button logout = new Button(t("main.logout"));
        logout.setId("logout");
        logout.setOnAction(e -> onLogout.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ComboBox<String> languages = new ComboBox<>();
        languages.setId("language");
        languages.getItems().addAll("", "en", "fr");
        languages.setValue(language);
        languages.setConverter(DisplayConverter.of(code -> code.isEmpty() ? t("main.language.system") : code.equals("fr") ? "Français" : "English"));
        languages.setOnAction(e -> onLanguage.accept(languages.getValue()));
        HBox top = new HBox(12, product, spacer, user, languages, actions.settings().button(), theme, logout);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(8, 12, 8, 12));
        top.getStyleClass().add("app-header");

        albumsView = new AlbumsView(albums, this::newAlbum, onFilesDropped);

        Label albumTitle = new Label();
        albumTitle.setId("albumTitle");
        albumTitle.getStyleClass().add("title-2");
        albumTitle.textProperty().bind(Bindings.createStringBinding(() -> albums.selectedProperty().get() == null
                ? t("main.noAlbum") : albums.selectedProperty().get().name(), albums.selectedProperty()));
        Label albumRole = new Label();
        albumRole.setId("albumRole");
        albumRole.getStyleClass().add("role-badge");
        albumRole.textProperty().bind(Bindings.createStringBinding(() -> albums.selectedProperty().get() == null ? ""
                : t("role." + albums.selectedProperty().get().role().name()), albums.selectedProperty()));
        Label albumDescription = new Label();
        albumDescription.setId("albumDescription");
        albumDescription.setWrapText(true);
        albumDescription.textProperty().bind(Bindings.createStringBinding(() -> albums.selectedProperty().get() == null ? ""
                : albums.selectedProperty().get().description(), albums.selectedProperty()));
        Button rename = action("renameAlbum", t("album.rename"), AlbumAction.EDIT_DETAILS, this::renameAlbum);
        Button delete = action("deleteAlbum", t("album.delete"), AlbumAction.DELETE_ALBUM, this::deleteAlbum);
        Button leave = new Button(t("album.leave"));
        leave.setId("leaveAlbum");
        leave.disableProperty().bind(albums.leaveRefusalProperty().isNotEmpty());
        leave.setOnAction(e -> leaveAlbum());
        Button share = actions.share().button();
        // icons with tooltips: at 1280×800 four worded buttons left the album's name no room
        iconic(share, "fth-share-2");
        iconic(rename, "fth-edit-2");
        iconic(leave, "fth-log-out");
        iconic(delete, "fth-trash-2");
        HBox albumActions = new HBox(6, explained(share, AlbumAction.MANAGE_MEMBERS), explained(rename, AlbumAction.EDIT_DETAILS),
                explained(leave, albums.leaveRefusalProperty()),
                explained(delete, AlbumAction.DELETE_ALBUM));
        // when the row is short of room, the album's name gives way, not the buttons or the role
        albumActions.getChildren().forEach(node -> ((Region) node).setMinWidth(Region.USE_PREF_SIZE));
        albumRole.setMinWidth(Region.USE_PREF_SIZE);
        // a long name wraps onto a second line rather than being cut
        albumTitle.setWrapText(true);
        albumTitle.setMinHeight(Region.USE_PREF_SIZE);
        albumTitle.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(albumTitle, Priority.ALWAYS);
        HBox titleRow = new HBox(10, albumTitle, albumRole, albumActions);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        // the keyboard's way to upload, next to drag and drop: files or a folder, each with its shortcut
        MenuButton upload = new MenuButton(t("upload.choose"), null, actions.uploadFiles().menuItem(), actions.uploadFolder().menuItem());
        upload.setId("uploadChooser");
        upload.setGraphic(new FontIcon("fth-upload"));
        upload.setMinWidth(Region.USE_PREF_SIZE);
        HBox albumTools = new HBox(6, upload, iconic(actions.downloadAlbum().button(), "fth-download"),
                iconic(actions.history().button(), "fth-clock"), iconic(actions.toolAccess().button(), "fth-key"));
        albumTools.setAlignment(Pos.CENTER_LEFT);
        VBox albumHeader = new VBox(6, titleRow, albumDescription, albumTools);
        albumHeader.setId("albumHeader");
        albumHeader.setPadding(new Insets(8));

        Button addTo = new Button(t("studies.addTo"));
        addTo.setId("addToAlbum");
        addTo.disableProperty().bind(Bindings.isEmpty(studies.selection()));
        addTo.setOnAction(e -> addSelectedToAlbum());
        Button remove = action("removeStudies", t("studies.remove"), AlbumAction.REMOVE_STUDY, this::removeSelectedStudies);
        remove.disableProperty().unbind();
        remove.disableProperty().bind(albums.allows(AlbumAction.REMOVE_STUDY).not().or(Bindings.isEmpty(studies.selection())));
        studiesView = new StudiesView(studies, new HBox(8, addTo, explained(remove, AlbumAction.REMOVE_STUDY)));
        studiesView.table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && !remove.isDisabled()) {
                removeSelectedStudies();
            }
        });
        MenuItem addToItem = new MenuItem(t("studies.addTo"));
        addToItem.disableProperty().bind(addTo.disableProperty());
        addToItem.setOnAction(e -> addSelectedToAlbum());
        MenuItem removeItem = new MenuItem(t("studies.remove"));
        removeItem.disableProperty().bind(remove.disableProperty());
        removeItem.setOnAction(e -> removeSelectedStudies());
        ContextMenu studyMenu = new ContextMenu(actions.openInSlicer().menuItem(), actions.sendBack().menuItem(),
                actions.downloadStudy().menuItem(), new SeparatorMenuItem(), addToItem, removeItem);
        studyMenu.setId("studyMenu");
        studiesView.table().setContextMenu(studyMenu);
        VBox center = new VBox(albumHeader, studiesView);
        VBox.setVgrow(studiesView, Priority.ALWAYS);

        VBox studyActions = new VBox(6, actions.openInSlicer().button(), actions.sendBack().button(), actions.downloadStudy().button());
        studyActions.getChildren().forEach(b -> ((Button) b).setMaxWidth(Double.MAX_VALUE));
        SplitPane split = new SplitPane(albumsView, center, new StudyDetailsView(model.details(), studyActions));
        split.setDividerPositions(0.2, 0.78);
        SplitPane.setResizableWithParent(albumsView, false);

        setTop(top);
        setCenter(split);
        // a drop anywhere else in the window: the album is chosen in the upload preview
        albumsView.acceptFiles(center, () -> null);
        setBottom(statusBar(onLogInAgain));
        sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                shortcuts(scene);
                // the keyboard starts in the album list, not in the header's language choice
                Platform.runLater(albumsView.list()::requestFocus);
            }
        });
    }

    private Button action(String id, String text, AlbumAction action, Runnable run) {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(model.albums().allows(action).not());
        button.setOnAction(e -> run.run());
        return button;
    }

    /** The button as an icon; its words stay for the tooltip and screen readers. */
    private static Button iconic(Button button, String icon) {
        button.setGraphic(new FontIcon(icon));
        button.setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        button.setAccessibleText(button.getText());
        if (button.getTooltip() == null) {
            button.setTooltip(new Tooltip(button.getText()));
        }
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }

    /** A disabled control gets no mouse events, so the "why not" tooltip lives on a wrapper around it. */
    private StackPane explained(Button button, AlbumAction action) {
        return explained(button, model.albums().whyNot(action));
    }

    private static StackPane explained(Button button, StringExpression reason) {
        StackPane wrapper = new StackPane(button);
        Tooltip tooltip = new Tooltip();
        // the reason when disabled, else what the icon does (a disabled button shows no tooltip of its own)
        String name = button.getText();
        button.setTooltip(null);
        tooltip.textProperty().bind(Bindings.createStringBinding(() -> reason.get() == null || reason.get().isEmpty()
                ? name : name + " — " + reason.get(), reason));
        Tooltip.install(wrapper, tooltip);
        wrapper.setId(button.getId() + "Reason");
        return wrapper;
    }

    private HBox statusBar(Runnable onLogInAgain) {
        Activity activity = model.activity();
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("busy");
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(activity.busyProperty());
        Label status = new Label();
        status.setId("statusText");
        status.textProperty().bind(activity.statusProperty());
        Label problem = new Label();
        problem.setId("problem");
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        problem.textProperty().bind(activity.problemProperty());
        HBox.setHgrow(problem, Priority.ALWAYS);
        Button retry = new Button(t("main.retry"));
        retry.setId("retry");
        retry.visibleProperty().bind(activity.problemProperty().isNotEmpty().and(activity.sessionExpiredProperty().not()));
        retry.managedProperty().bind(retry.visibleProperty());
        retry.setOnAction(e -> activity.retry());
        Button logIn = new Button(t("main.logInAgain"));
        logIn.setId("logInAgain");
        logIn.visibleProperty().bind(activity.sessionExpiredProperty());
        logIn.managedProperty().bind(logIn.visibleProperty());
        logIn.setOnAction(e -> onLogInAgain.run());
        Button dismiss = new Button("✕");
        dismiss.visibleProperty().bind(activity.problemProperty().isNotEmpty());
        dismiss.managedProperty().bind(dismiss.visibleProperty());
        dismiss.setOnAction(e -> activity.dismiss());
        // a long problem wraps; the buttons after it keep their words ("R…" for Retry was seen)
        for (Button button : new Button[] {retry, logIn, dismiss}) {
            button.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(8, busy, status, problem, retry, logIn, dismiss);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void shortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> studiesView.search().requestFocus());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newAlbum);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F2), this::renameAlbum);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), model::studiesChanged);
        actions.all().forEach(action -> action.install(scene));
    }

    private void newAlbum() {
        if (!model.albums().canCreate()) {
            return;
        }
        AlbumDialogs.askDetails(getScene().getWindow(), t("albums.new"), "", "")
                .ifPresent(d -> model.albums().create(d.name(), d.description()));
    }

    private void renameAlbum() {
        AlbumView album = model.albums().selectedProperty().get();
        if (album == null || !AlbumAction.EDIT_DETAILS.allowedFor(album.role())) {
            return;
        }
        AlbumDialogs.askDetails(getScene().getWindow(), t("album.rename"), album.name(), album.description())
                .ifPresent(d -> model.albums().update(album, d.name(), d.description()));
    }

    private void deleteAlbum() {
        AlbumView album = model.albums().selectedProperty().get();
        if (album != null && AlbumDialogs.confirm(getScene().getWindow(), t("album.delete"),
                t("album.delete.confirm", album.name(), album.studyCount()), t("album.delete"))) {
            model.albums().delete(album);
        }
    }

    private void leaveAlbum() {
        AlbumView album = model.albums().selectedProperty().get();
        if (album != null && AlbumDialogs.confirm(getScene().getWindow(), t("album.leave"),
                t("album.leave.confirm", album.name()), t("album.leave"))) {
            model.albums().leave(album, model.me().userId());
        }
    }

    private void removeSelectedStudies() {
        AlbumView album = model.albums().selectedProperty().get();
        int count = model.studies().selection().size();
        if (album != null && count > 0 && AlbumDialogs.confirm(getScene().getWindow(), t("studies.remove"),
                t("studies.remove.confirm", count, album.name()), t("studies.remove"))) {
            model.studies().removeSelected(model::studiesChanged);
        }
    }

    private void addSelectedToAlbum() {
        AlbumView current = model.albums().selectedProperty().get();
        List<AlbumView> targets = model.albums().all().stream()
                .filter(a -> current == null || !a.id().equals(current.id()))
                .filter(a -> AlbumAction.ADD_STUDY.allowedFor(a.role())).toList();
        AlbumDialogs.chooseAlbum(getScene().getWindow(), targets)
                .ifPresent(target -> model.studies().addSelectedTo(target, model::studiesChanged));
    }

    public StudiesView studiesView() {
        return studiesView;
    }

    public AlbumsView albumsView() {
        return albumsView;
    }
}
