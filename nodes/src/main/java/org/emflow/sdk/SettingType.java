package org.emflow.sdk;

/** The kinds of value a node setting holds; each has its own control in the studio and its own CLI parsing. */
public enum SettingType {
    STRING, INT, DOUBLE, BOOLEAN, ENUM, PATH, LIST
}
