package org.emflow.sdk;

/** The data that travels along a connection: a particle table, a volume, an FSC curve, ... */
public interface PortObject {
    PortType type();

    /** What configure-time checks of downstream nodes may know about this object. */
    PortObjectSpec spec();

    /** One line for logs, the run summary and the studio (e.g. "64 x 64 x 64 volume, 2.1 A/px"). */
    String summary();
}
