package org.emflow.sdk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The command-line names of a setting, the main one first; without it the name is {@code --key}. See {@link SettingsRecord}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT})
public @interface Cli {
    String[] value();
}
