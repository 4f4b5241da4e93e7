package org.orthancalbums.desktop.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.api.AlbumView;
import org.orthancalbums.desktop.MainWindow;
import org.orthancalbums.desktop.Screenshots;
import org.orthancalbums.desktop.StackData;
import org.orthancalbums.desktop.settings.I18n;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * At 1280×800, in English and in French, the album header and the study table's headers and dates are
 * never cut short; the details pane shows a placeholder, then the study's patient and description.
 */
@ExtendWith(ApplicationExtension.class)
class LayoutIT {
    private static AlbumView album;

    @BeforeAll
    static void data() throws Exception {
        album = StackData.album("alice", "Cardiac MRI teaching files 2025");
        StackData.study(album, "Durand^Marie", "Cardiac MRI with stress perfusion", 2);
    }

    private Stage stage;

    @Start
    void start(Stage primary) {
        stage = primary;
    }

    @AfterEach
    void english() {
        I18n.use(java.util.Locale.ENGLISH);
    }

    @Test
    void nothingImportantIsElidedInEnglish(FxRobot robot) throws Exception {
        checkAt(robot, "en");
    }

    @Test
    void nothingImportantIsElidedInFrench(FxRobot robot) throws Exception {
        checkAt(robot, "fr");
    }

    private void checkAt(FxRobot robot, String language) throws Exception {
        MainWindow main = MainWindow.open(robot, stage, MainWindow.wiring("layout", language), "alice");
        robot.interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        main.selectAlbum(album);
        // before a study is picked the details pane says what to do, and shows no empty boxes
        assertThat(main.text("#detailsMessage")).isEqualTo(I18n.t("details.select"));
        assertThat(robot.lookup("#studyFacts").query().isVisible()).isFalse();
        main.selectStudy("Durand, Marie", 1);
        MainWindow.waitUntil(() -> robot.lookup("#seriesList").queryListView().getItems().size() == 1);
        assertThat(main.text("#factPatient")).isEqualTo("Durand, Marie");
        assertThat(main.text("#factDescription")).isEqualTo("Cardiac MRI with stress perfusion");
        // what the synthetic file holds (DicomFileWriter), as Orthanc indexed it, in the window's language
        assertThat(main.text("#factBirth")).matches("1970-01-01 \\(\\D*\\d+\\D+\\)");
        assertThat(main.text("#factSex")).isEqualTo(I18n.t("details.sex.O"));
        assertThat(main.text("#factDate")).endsWith(" 12:00");
        assertThat(main.text("#factAccession")).startsWith("A");
        assertThat(main.text("#factReferring")).isEqualTo("Referring, Doctor");
        assertThat(main.text("#factInstitution")).isEqualTo("Orthanc Albums Demo Hospital");
        assertThat(main.text("#detailsMessage")).isEmpty();
        WaitForAsyncUtils.waitForFxEvents();
        // each series shows its thumbnail once Orthanc has rendered it
        MainWindow.waitUntil(() -> MainWindow.seriesThumbnailShown(robot));
        Screenshots.save(stage, "main-1280x800-" + language + ".png");

        List<String> elided = new ArrayList<>();
        for (String area : new String[] {"#albumHeader", "#studyTable .column-header", "#studyTable .table-row-cell .table-cell", "#studyFacts"}) {
            robot.lookup(area).queryAll().forEach(node -> collectElided(node, elided));
        }
        assertThat(elided).as("texts cut short at 1280×800 in " + language).isEmpty();
        // every column on screen: none pushed out of sight behind a sideways scroll bar
        TableView<?> table = robot.lookup("#studyTable").queryTableView();
        double columns = table.getVisibleLeafColumns().stream().mapToDouble(TableColumnBase::getWidth).sum();
        assertThat(columns).as("the studies' columns in " + language).isLessThanOrEqualTo(table.getWidth());
        assertThat(robot.lookup("#studyTable .scroll-bar:horizontal").queryAll().stream().filter(Node::isVisible)).isEmpty();
    }

    /** A Labeled whose text on screen differs from its text was cut short ("Shar..."); descriptions may be. */
    private static void collectElided(Node node, List<String> elided) {
        if (node instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getTableColumn() != null
                && cell.getTableView().getColumns().indexOf(cell.getTableColumn()) == 3) {
            return; // the description column gives way to the others, as intended
        }
        if (node instanceof Labeled labeled && labeled.isVisible() && labeled.getText() != null && !labeled.getText().isEmpty()
                && labeled.getContentDisplay() != javafx.scene.control.ContentDisplay.GRAPHIC_ONLY) {
            labeled.lookupAll(".text").stream().filter(Text.class::isInstance).map(t -> ((Text) t).getText())
                    .filter(shown -> !shown.equals(labeled.getText())).findFirst()
                    .ifPresent(shown -> elided.add(labeled.getText() + " shown as " + shown));
        }
        if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collectElided(child, elided));
        }
    }
}
