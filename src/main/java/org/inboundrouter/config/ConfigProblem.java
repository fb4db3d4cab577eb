package org.inboundrouter.config;

import java.nio.file.Path;

/** One thing wrong in a config file, precise enough to fix without reading code. Line is 1-based, 0 if unknown. */
public record ConfigProblem(Path file, int line, String field, String message) {

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null) {
            sb.append(field).append(": ");
        }
        return sb.append(message).toString();
    }
}
