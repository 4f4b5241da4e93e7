package org.orthancalbums.core.api;

import java.util.List;

/** One page of a longer list: {@code total} counts every item, {@code items} only this page's. */
public record Page<T>(long total, List<T> items) {
}
