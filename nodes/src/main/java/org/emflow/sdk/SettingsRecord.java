package org.emflow.sdk;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node's settings declared once, as a record: each component is a setting, and the record is both the schema
 * ({@link #schema}, for the node description, the studio, workflow validation and the command line) and the typed
 * values the model reads ({@link NodeSettings#bind}).
 *
 * <p>Per component: the key is the kebab-case of its name ({@code wienerSnr} is {@code wiener-snr}) unless
 * {@link Key} says otherwise; the type follows the Java type: {@code int}, {@code long} (and their boxes) INT,
 * {@code double} DOUBLE, {@code boolean} BOOLEAN, {@link Path} PATH, {@code List<String>} LIST, {@link String}
 * STRING, an enum ENUM whose choices are its constants in lower case with '_' written '-' (or the constant's
 * {@link Key}). {@link Help} is mandatory; {@link Default}, {@link DefaultFrom}, {@link Min}, {@link Max},
 * {@link Cli}, {@link Positional}, {@link Required}, {@link CliOnly} and {@link Files} give the rest. The order of
 * the components is the order of the settings.
 *
 * <p>Bound values are parsed exactly as the {@link NodeSettings} getters parse them, with the same errors: defaults
 * applied, paths resolved against the base folder (null when unset), lists split at commas. A primitive component
 * of a setting that is unset and has no default is an error ("is required"); use a box ({@code Double}) for a
 * setting that may stay empty: it is then null. Each record is derived once and cached.
 */
public final class SettingsRecord {
    private static final ClassValue<SettingsSchema> SCHEMAS = new ClassValue<>() {
        @Override
        protected SettingsSchema computeValue(Class<?> type) {
            return derive(type);
        }
    };

    private static final ClassValue<Binder> BINDERS = new ClassValue<>() {
        @Override
        protected Binder computeValue(Class<?> type) {
            return new Binder(type);
        }
    };

    private SettingsRecord() {
    }

    /** The schema the record declares (derived once per class). */
    public static SettingsSchema schema(Class<? extends Record> type) {
        return SCHEMAS.get(type);
    }

    /**
     * The values of {@code settings} as a record of {@code type}. The record may be the node's declaration or any
     * record naming some of its settings the same way (a view of a few of them).
     */
    public static <R extends Record> R bind(NodeSettings settings, Class<R> type) {
        return type.cast(BINDERS.get(type).bind(settings));
    }

    /** The key of a component (its {@link Key}, else the kebab-case of its name). */
    public static String key(RecordComponent c) {
        Key k = c.getAnnotation(Key.class);
        return k != null ? k.value() : kebab(c.getName());
    }

    /**
     * The key of the component named {@code component} of {@code type}, for code that handles raw values before they
     * are bound (a command that edits a workflow's settings); an unknown name is an error when the caller's class loads.
     */
    public static String key(Class<? extends Record> type, String component) {
        for (RecordComponent c : components(type)) {
            if (c.getName().equals(component)) {
                return key(c);
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no component " + component);
    }

    /** An enum constant as written in workflow files and on the command line (its {@link Key}, else lower case, '-' for '_'). */
    public static String choice(Enum<?> value) {
        try {
            Key k = value.getDeclaringClass().getField(value.name()).getAnnotation(Key.class);
            return k != null ? k.value() : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    static String kebab(String name) {
        StringBuilder s = new StringBuilder();
        for (char ch : name.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                s.append('-').append(Character.toLowerCase(ch));
            } else {
                s.append(ch);
            }
        }
        return s.toString();
    }

    private static RecordComponent[] components(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record: node settings are declared as a record");
        }
        return type.getRecordComponents();
    }

    private static SettingsSchema derive(Class<?> type) {
        Object defaults = null;
        List<Setting> list = new ArrayList<>();
        for (RecordComponent c : components(type)) {
            String key = key(c);
            Class<?> t = c.getType();
            Setting.Builder b;
            if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
                b = Setting.integer(key);
            } else if (t == double.class || t == Double.class) {
                b = Setting.real(key);
            } else if (t == boolean.class || t == Boolean.class) {
                b = Setting.bool(key);
            } else if (t == Path.class) {
                b = Setting.path(key);
            } else if (t == String.class) {
                b = Setting.string(key);
            } else if (isStringList(c)) {
                b = Setting.list(key);
            } else if (t.isEnum()) {
                Object[] constants = t.getEnumConstants();
                String[] choices = new String[constants.length];
                for (int i = 0; i < constants.length; i++) {
                    choices[i] = choice((Enum<?>) constants[i]);
                }
                b = Setting.choice(key, choices);
            } else {
                throw new IllegalStateException(where(type, c) + ": no setting type for " + c.getGenericType().getTypeName());
            }
            Default d = c.getAnnotation(Default.class);
            DefaultFrom df = c.getAnnotation(DefaultFrom.class);
            if (d != null && df != null) {
                throw new IllegalStateException(where(type, c) + ": both @Default and @DefaultFrom");
            }
            if (d != null) {
                b.def(d.value());
            }
            if (df != null) {
                if (defaults == null) {
                    defaults = defaultsOf(type);
                }
                Object v = invoke(defaults, df.value().isEmpty() ? c.getName() : df.value(), type, c);
                b.def(v instanceof Enum<?> e ? choice(e) : v);
            }
            Min min = c.getAnnotation(Min.class);
            if (min != null) {
                b.min(min.value());
            }
            Max max = c.getAnnotation(Max.class);
            if (max != null) {
                b.max(max.value());
            }
            Help help = c.getAnnotation(Help.class);
            if (help != null) {
                b.help(help.value());
            }
            Cli cli = c.getAnnotation(Cli.class);
            if (cli != null) {
                b.cli(cli.value());
            }
            Positional pos = c.getAnnotation(Positional.class);
            if (pos != null) {
                b.positional(pos.value());
            }
            if (c.isAnnotationPresent(Required.class)) {
                b.required();
            }
            if (c.isAnnotationPresent(CliOnly.class)) {
                b.cliOnly();
            }
            Files files = c.getAnnotation(Files.class);
            if (files != null) {
                b.files(files.value());
            }
            list.add(b.build());
        }
        return new SettingsSchema(list);
    }

    private static boolean isStringList(RecordComponent c) {
        return c.getType() == List.class && c.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments().length == 1 && p.getActualTypeArguments()[0] == String.class;
    }

    private static Object defaultsOf(Class<?> type) {
        Defaults d = type.getAnnotation(Defaults.class);
        if (d == null) {
            throw new IllegalStateException(type.getName() + ": @DefaultFrom needs @Defaults on the record");
        }
        try {
            return d.value().getMethod("defaults").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + ": no public static defaults() in " + d.value().getName(), e);
        }
    }

    private static Object invoke(Object defaults, String method, Class<?> type, RecordComponent c) {
        try {
            Method m = defaults.getClass().getMethod(method);
            return m.invoke(defaults);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(where(type, c) + ": no method " + method + "() in " + defaults.getClass().getName(), e);
        }
    }

    private static String where(Class<?> type, RecordComponent c) {
        return "setting " + c.getName() + " of " + type.getName();
    }

    /** How to read one record from node settings: per component its key and how its value is parsed. */
    private static final class Binder {
        private final String[] keys;
        private final Class<?>[] types;
        private final List<Map<String, Object>> choices = new ArrayList<>();
        private final Constructor<?> constructor;

        Binder(Class<?> type) {
            RecordComponent[] cs = components(type);
            keys = new String[cs.length];
            types = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                keys[i] = key(cs[i]);
                types[i] = cs[i].getType();
                Map<String, Object> byChoice = null;
                if (types[i].isEnum()) {
                    byChoice = new LinkedHashMap<>();
                    for (Object e : types[i].getEnumConstants()) {
                        byChoice.put(choice((Enum<?>) e), e);
                    }
                } else if (!supported(cs[i])) {
                    throw new IllegalStateException(where(type, cs[i]) + ": no setting type for " + cs[i].getGenericType().getTypeName());
                }
                choices.add(byChoice);
            }
            try {
                constructor = type.getDeclaredConstructor(types);
                constructor.setAccessible(true);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + ": no canonical constructor", e);
            }
        }

        private static boolean supported(RecordComponent c) {
            Type t = c.getType();
            return t == int.class || t == Integer.class || t == long.class || t == Long.class || t == double.class || t == Double.class
                    || t == boolean.class || t == Boolean.class || t == Path.class || t == String.class || isStringList(c);
        }

        Object bind(NodeSettings s) {
            Object[] values = new Object[keys.length];
            for (int i = 0; i < keys.length; i++) {
                values[i] = read(s, i);
            }
            try {
                return constructor.newInstance(values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private Object read(NodeSettings s, int i) {
            String k = keys[i];
            Class<?> t = types[i];
            if (t == int.class) {
                return s.getInt(k);
            } else if (t == long.class) {
                return s.getLong(k);
            } else if (t == double.class) {
                return s.getDouble(k);
            } else if (t == boolean.class) {
                return s.getBoolean(k);
            } else if (t == Integer.class) {
                return s.isSet(k) ? s.getInt(k) : null;
            } else if (t == Long.class) {
                return s.isSet(k) ? s.getLong(k) : null;
            } else if (t == Double.class) {
                return s.isSet(k) ? s.getDouble(k) : null;
            } else if (t == Boolean.class) {
                return s.isSet(k) ? s.getBoolean(k) : null;
            } else if (t == Path.class) {
                return s.getPath(k);
            } else if (t == String.class) {
                return s.getString(k);
            } else if (t == List.class) {
                return s.getList(k);
            }
            return choices.get(i).get(s.choice(k));
        }
    }
}
