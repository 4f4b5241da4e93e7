package org.orthancalbums.desktop.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.orthancalbums.core.testing.Stack;
import org.orthancalbums.desktop.AppWiring;
import org.orthancalbums.desktop.settings.AppSettings;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real window of the app, against the real albums-server of the stack. */
@ExtendWith(ApplicationExtension.class)
class ConnectWindowIT {

    @Start
    void start(Stage stage) {
        new AppWiring(AppSettings.load("org/orthancalbums/desktop-tests")).show(stage);
    }

    @Test
    void connectingToTheStackShowsWhereSignInHappens(FxRobot robot) throws Exception {
        assertThat(robot.window(0).getScene().getWindow()).isInstanceOf(Stage.class);
        assertThat(((Stage) robot.window(0)).getTitle()).isEqualTo("Orthanc Albums");
        robot.clickOn("#serverUrl").eraseText(200).write(Stack.albumsUrl().toString());
        robot.clickOn("#connect");
        Label message = robot.lookup("#connectMessage").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> message.getText().startsWith("Connected"));
        assertThat(message.getText()).startsWith("Connected to Orthanc Albums");
    }
}
