package org.emflow.sdk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.emflow.compute.util.BadInputException;

/** The installed node types, discovered with {@link ServiceLoader} from every jar on the class path. */
public final class NodeRegistry {
    private final Map<String, NodeFactory> factories = new LinkedHashMap<>();

    public NodeRegistry(Iterable<NodeFactory> found) {
        for (NodeFactory f : found) {
            if (!f.id().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
                throw new IllegalStateException("node id '" + f.id() + "' of " + f.getClass().getName() + " is not kebab-case");
            }
            NodeFactory old = factories.put(f.id(), f);
            if (old != null) {
                throw new IllegalStateException("two nodes with id '" + f.id() + "': " + old.getClass().getName()
                        + " and " + f.getClass().getName());
            }
        }
    }

    /** Every node on the class path. */
    public static NodeRegistry discover() {
        return new NodeRegistry(ServiceLoader.load(NodeFactory.class, NodeRegistry.class.getClassLoader()));
    }

    /** The factories, sorted by category then name. */
    public List<NodeFactory> all() {
        List<NodeFactory> list = new ArrayList<>(factories.values());
        list.sort(Comparator.comparing(NodeFactory::category).thenComparing(NodeFactory::name));
        return list;
    }

    /** The factory of {@code id}, or null. */
    public NodeFactory find(String id) {
        return factories.get(id);
    }

    /** The factory of {@code id}; an unknown id is a {@link BadInputException} naming the nearest one. */
    public NodeFactory get(String id) {
        NodeFactory f = factories.get(id);
        if (f == null) {
            throw new BadInputException(unknownTypeMessage(id));
        }
        return f;
    }

    public String unknownTypeMessage(String id) {
        String near = Names.nearest(id, factories.keySet());
        return "unknown node type '" + id + "'" + (near == null ? "" : " (did you mean '" + near + "'?)");
    }
}
