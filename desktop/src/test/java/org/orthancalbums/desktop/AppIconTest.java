package org.orthancalbums.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window and the dialogs it opens later carry the app's icon, in every size we ship. */
@ExtendWith(ApplicationExtension.class)
class AppIconTest {
    private Stage main;

    @Start
    void start(Stage stage) {
        main = stage;
        AppIcon.useOnEveryWindow(stage);
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void theMainWindowAndWindowsOpenedLaterShowTheIconInEverySize() throws Exception {
        assertEverySize(main);

        // like the upload and share windows
        Stage window = WaitForAsyncUtils.asyncFx(() -> {
            Stage shown = new Stage();
            shown.initOwner(main);
            shown.setScene(new Scene(new StackPane(), 100, 100));
            shown.show();
            return shown;
        }).get(10, TimeUnit.SECONDS);
        assertEverySize(window);
        WaitForAsyncUtils.asyncFx(window::close).get(10, TimeUnit.SECONDS);

        Alert alert = WaitForAsyncUtils.asyncFx(() -> {
            Alert shown = new Alert(Alert.AlertType.INFORMATION, "hello");
            shown.initOwner(main);
            shown.show();
            return shown;
        }).get(10, TimeUnit.SECONDS);
        Stage dialog = (Stage) alert.getDialogPane().getScene().getWindow();
        assertEverySize(dialog);
        WaitForAsyncUtils.asyncFx(alert::close).get(10, TimeUnit.SECONDS);
    }

    private static void assertEverySize(Stage stage) {
        assertThat(stage.getIcons()).hasSize(AppIcon.SIZES.length);
        for (int i = 0; i < AppIcon.SIZES.length; i++) {
            Image icon = stage.getIcons().get(i);
            assertThat(icon.isError()).as("icon %d loads", AppIcon.SIZES[i]).isFalse();
            assertThat(icon.getWidth()).isEqualTo(AppIcon.SIZES[i]);
            assertThat(icon.getHeight()).isEqualTo(AppIcon.SIZES[i]);
        }
    }
}
