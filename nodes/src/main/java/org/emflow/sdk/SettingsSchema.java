package org.emflow.sdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ordered settings of a node type. */
public final class SettingsSchema {
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    public SettingsSchema(Collection<Setting> list) {
        for (Setting s : list) {
            if (settings.put(s.key(), s) != null) {
                throw new IllegalArgumentException("duplicate setting key '" + s.key() + "'");
            }
        }
    }

    public static SettingsSchema of(Setting.Builder... builders) {
        List<Setting> list = new ArrayList<>();
        for (Setting.Builder b : builders) {
            list.add(b.build());
        }
        return new SettingsSchema(list);
    }

    /** The schema a settings record declares ({@link SettingsRecord}; derived once per class). */
    public static SettingsSchema of(Class<? extends Record> type) {
        return SettingsRecord.schema(type);
    }

    /** This schema with {@code more} settings after its own. */
    public SettingsSchema and(List<Setting.Builder> more) {
        List<Setting> list = new ArrayList<>(settings.values());
        for (Setting.Builder b : more) {
            list.add(b.build());
        }
        return new SettingsSchema(list);
    }

    public List<Setting> all() { return List.copyOf(settings.values()); }

    public Setting get(String key) { return settings.get(key); }

    public boolean has(String key) { return settings.containsKey(key); }

    /** Error text for an unknown key, naming the nearest valid one. */
    public String unknownKeyMessage(String key) {
        String near = Names.nearest(key, settings.keySet());
        return "unknown setting '" + key + "'" + (near == null ? "" : " (did you mean '" + near + "'?)");
    }
}
