package org.orthancalbums.desktop.studies;

import org.orthancalbums.desktop.DicomText;
import static org.orthancalbums.desktop.settings.I18n.t;

import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.orthancalbums.core.api.StudySummary;
import org.orthancalbums.desktop.studies.StudiesModel.SortKey;

/**
 * The studies table of the selected album, with search and paging. Sorting a column asks the server
 * for that order over the whole album, not just the rows on screen.
 */
public final class StudiesView extends VBox {
    private final TextField search = new TextField();
    private final TableView<StudySummary> table = new TableView<>();

    public StudiesView(StudiesModel model, HBox actions) {
        search.setId("studySearch");
        search.setPromptText(t("studies.search"));
        HBox.setHgrow(search, Priority.ALWAYS);
        // search as the user types, once they pause: one request, not one per key
        PauseTransition pause = new PauseTransition(Duration.millis(350));
        pause.setOnFinished(e -> model.searchFor(search.getText()));
        search.textProperty().addListener((o, old, text) -> pause.playFromStart());
        search.setOnAction(e -> {
            pause.stop();
            model.searchFor(search.getText());
        });
        model.searchProperty().addListener((o, old, text) -> {
            if (!text.equals(search.getText().strip())) {
                search.setText(text);
            }
        });
        // Down from the search goes into the studies found, the first one picked
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !table.getItems().isEmpty()) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().select(0);
                    table.getFocusModel().focus(0);
                }
                e.consume();
            }
        });
        HBox bar = new HBox(8, search, actions);
        bar.setAlignment(Pos.CENTER_LEFT);

        table.setId("studyTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setItems(model.studies());
        table.setPlaceholder(new Label(t("studies.none")));
        table.getColumns().add(sortable(t("studies.col.patientName"), s -> DicomText.personName(s.patientName()), SortKey.PATIENT_NAME, model, 140));
        table.getColumns().add(sortable(t("studies.col.patientId"), StudySummary::patientId, SortKey.PATIENT_ID, model, 95));
        table.getColumns().add(sortable(t("studies.col.date"), s -> DicomText.date(s.studyDate()), SortKey.STUDY_DATE, model, 100));
        table.getColumns().add(sortable(t("studies.col.description"), StudySummary::studyDescription, SortKey.DESCRIPTION, model, 200));
        table.getColumns().add(plain(t("studies.col.modalities"), s -> String.join(", ", s.modalities()), 90));
        table.getColumns().add(plain(t("studies.col.series"), StudySummary::seriesCount, 60));
        table.getColumns().add(plain(t("studies.col.instances"), StudySummary::instanceCount, 70));
        // each column at least as wide as its header and its dates; the description takes what is left
        table.getColumns().forEach(c -> c.setMinWidth(fit(c.getText(), FontWeight.BOLD)));
        TableColumn<StudySummary, ?> date = table.getColumns().get(2);
        date.setMinWidth(Math.max(date.getMinWidth(), fit("2025-12-31", FontWeight.NORMAL)));
        table.getColumns().get(0).setMinWidth(fit("Durand, Marie-Claire", FontWeight.NORMAL));
        table.getColumns().get(3).setMinWidth(100);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // the server sorts: the table only shows which column and which way
        table.setSortPolicy(view -> {
            if (!view.getSortOrder().isEmpty()) {
                TableColumn<StudySummary, ?> column = view.getSortOrder().get(0);
                SortKey key = (SortKey) column.getUserData();
                boolean descending = column.getSortType() == TableColumn.SortType.DESCENDING;
                if (key != model.sortKeyProperty().get() || descending != model.descendingProperty().get()) {
                    model.sortBy(key, descending);
                }
            }
            return true;
        });
        table.getSelectionModel().getSelectedItems().addListener(
                (javafx.collections.ListChangeListener<StudySummary>) c -> model.selection().setAll(table.getSelectionModel().getSelectedItems()));
        VBox.setVgrow(table, Priority.ALWAYS);

        Button previous = new Button("◀");
        previous.setId("previousPage");
        previous.setOnAction(e -> model.previousPage());
        previous.disableProperty().bind(model.offsetProperty().isEqualTo(0));
        Button next = new Button("▶");
        next.setId("nextPage");
        next.setOnAction(e -> model.nextPage());
        next.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> !model.hasNextPage(),
                model.offsetProperty(), model.totalProperty()));
        Label page = new Label();
        page.setId("pageText");
        page.textProperty().bind(model.pageTextProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox paging = new HBox(8, spacer, previous, page, next);
        paging.setAlignment(Pos.CENTER_RIGHT);

        setSpacing(8);
        setPadding(new Insets(0, 8, 8, 8));
        getChildren().addAll(bar, table, paging);
    }

    public TextField search() {
        return search;
    }

    public TableView<StudySummary> table() {
        return table;
    }

    private static TableColumn<StudySummary, String> sortable(String title, Function<StudySummary, String> value, SortKey key,
                                                              StudiesModel model, double width) {
        TableColumn<StudySummary, String> column = plain(title, value, width);
        column.setSortable(true);
        column.setUserData(key);
        column.setComparator((a, b) -> 0); // rows arrive sorted from the server
        if (key == model.sortKeyProperty().get()) {
            column.setSortType(model.descendingProperty().get() ? TableColumn.SortType.DESCENDING : TableColumn.SortType.ASCENDING);
        }
        return column;
    }

    /** The width {@code text} needs in a header or cell: its width plus the padding and the sort arrow. */
    private static double fit(String text, FontWeight weight) {
        Text measured = new Text(text);
        measured.setFont(Font.font(Font.getDefault().getFamily(), weight, Math.max(14, Font.getDefault().getSize())));
        return Math.ceil(measured.getLayoutBounds().getWidth()) + 18;
    }

    private static <T> TableColumn<StudySummary, T> plain(String title, Function<StudySummary, T> value, double width) {
        TableColumn<StudySummary, T> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setSortable(false);
        column.setPrefWidth(width);
        return column;
    }
}
