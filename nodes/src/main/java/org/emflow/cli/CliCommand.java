package org.emflow.cli;

import org.emflow.sdk.NodeRegistry;
import picocli.CommandLine;

/**
 * A subcommand contributed through {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/org.emflow.cli.CliCommand}): the studio, or a drop-in replacement for
 * another program's command line that chains several nodes (e.g. {@code backproject-voxel}).
 */
public interface CliCommand {
    /** The subcommand's name. */
    String name();

    /** The picocli command. */
    CommandLine create(NodeRegistry registry);
}
