package org.emflow.sdk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The key of a setting (as in workflow files) when it is not the kebab-case of the record component's name; on an enum constant, the choice as written in files and on the command line when it is not the constant's name in lower case with '_' written '-'. See {@link SettingsRecord}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Key {
    String value();
}
