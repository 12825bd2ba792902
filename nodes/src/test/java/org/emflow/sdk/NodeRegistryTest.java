package org.emflow.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.emflow.compute.util.BadInputException;
import org.junit.jupiter.api.Test;

class NodeRegistryTest {
    @Test
    void pluginNodesInTestSourcesAreDiscoveredThroughServiceLoader() {
        NodeRegistry r = NodeRegistry.discover();
        NodeFactory f = r.find("test-source");
        assertNotNull(f, "test-source is registered only in src/test/resources/META-INF/services");
        assertEquals("org.emflow.testnodes.TestNodes$Source", f.getClass().getName());
        assertNotNull(r.find("test-sum"));
    }

    @Test
    void unknownTypeNamesTheNearestOne() {
        BadInputException e = assertThrows(BadInputException.class, () -> NodeRegistry.discover().get("test-sorce"));
        assertEquals("unknown node type 'test-sorce' (did you mean 'test-source'?)", e.getMessage());
    }

    @Test
    void descriptionIsGeneratedFromTheSchema() {
        NodeFactory f = NodeRegistry.discover().get("test-source");
        String text = f.description().toText();
        assertTrue(text.contains("count  (int in [1, 1000], default 3)"), text);
        assertTrue(text.contains("numbers : table - The numbers."), text);
        String xml = f.description().toXml();
        assertTrue(xml.contains("<option name=\"mode\">Emit value or value squared. (enum {plain, squared}, default plain)</option>"), xml);
        assertTrue(xml.contains("<outPort index=\"0\" name=\"numbers\">"), xml);
    }

    @Test
    void everyInstalledNodeHasAnIconAndHelpForEverySetting() {
        for (NodeFactory f : NodeRegistry.discover().all()) {
            if (f.category().equals("Testing")) {
                continue;
            }
            assertNotNull(NodeRegistryTest.class.getResource(f.iconResource()), "icon of " + f.id() + ": " + f.iconResource());
            for (Setting s : f.settings().all()) {
                assertTrue(s.help().length() > 10, f.id() + "." + s.key() + " needs a help text");
            }
        }
    }
}
