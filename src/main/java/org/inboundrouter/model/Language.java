package org.inboundrouter.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The language of a message's text, as far as the router needs to know it. */
public enum Language {
    ZH("zh"), EN("en"), MIXED("mixed"), UNKNOWN("unknown");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
