package org.orthancalbums.desktop.main;

import javafx.beans.binding.BooleanExpression;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;

/**
 * One thing the user can do from several places (a button, a context menu, a shortcut), as JabRef's
 * action objects: one text, one shortcut, one rule for when it can run and one for whether the role
 * shows it at all. The window places it; the wiring decides what it does.
 */
public final class AppAction {
    private final String id;
    private final String text;
    private final KeyCombination shortcut;
    private final BooleanExpression enabled;
    private final BooleanExpression shown;
    private final Runnable run;

    /** {@code shown}: false hides the action for roles that may never use it; {@code enabled}: when it can run now. */
    public AppAction(String id, String text, KeyCombination shortcut, BooleanExpression shown, BooleanExpression enabled, Runnable run) {
        this.id = id;
        this.text = text;
        this.shortcut = shortcut;
        this.shown = shown;
        this.enabled = enabled;
        this.run = run;
    }

    public String id() {
        return id;
    }

    public String text() {
        return text;
    }

    /** Runs the action when it may run now; a shortcut pressed at the wrong moment does nothing. */
    public void execute() {
        if (shown.get() && enabled.get()) {
            run.run();
        }
    }

    public Button button() {
        Button button = new Button(text);
        button.setId(id);
        button.disableProperty().bind(enabled.not());
        button.visibleProperty().bind(shown);
        button.managedProperty().bind(shown);
        button.setOnAction(e -> execute());
        if (shortcut != null) {
            button.setTooltip(new Tooltip(text + " (" + shortcut.getDisplayText() + ")"));
        }
        return button;
    }

    public MenuItem menuItem() {
        MenuItem item = new MenuItem(text);
        item.setId(id + "Menu");
        item.disableProperty().bind(enabled.not());
        item.visibleProperty().bind(shown);
        item.setAccelerator(shortcut);
        item.setOnAction(e -> execute());
        return item;
    }

    /** Puts the shortcut on the scene, if the action has one. */
    public void install(Scene scene) {
        if (shortcut != null) {
            scene.getAccelerators().put(shortcut, this::execute);
        }
    }
}
