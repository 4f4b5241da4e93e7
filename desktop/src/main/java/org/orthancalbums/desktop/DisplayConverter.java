package org.orthancalbums.desktop;

import java.util.function.Function;
import javafx.util.StringConverter;

/** How a choice box shows its items; never parses text back (the items are picked, not typed). */
public final class DisplayConverter {
    private DisplayConverter() {
    }

    public static <T> StringConverter<T> of(Function<T, String> shown) {
        return new StringConverter<>() {
            @Override
            public String toString(T item) {
                return item == null ? "" : shown.apply(item);
            }

            @Override
            public T fromString(String text) {
                return null;
            }
        };
    }
}
