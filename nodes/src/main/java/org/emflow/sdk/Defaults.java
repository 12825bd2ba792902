package org.emflow.sdk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Where {@link DefaultFrom} finds its defaults: the value of the public static {@code defaults()} method of this class (e.g. a compute library's options record, so the library's defaults are the node's). See {@link SettingsRecord}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE})
public @interface Defaults {
    Class<?> value();
}
