package org.emflow.node.fsc;

import org.emflow.sdk.Cli;
import org.emflow.sdk.Default;
import org.emflow.sdk.Help;

/** The settings of the FSC node (the schema and the values its model reads). */
record FscSettings(
        @Help("Mask when no mask input is connected: auto = tomoDRGN's automatic soft mask, none = unmasked.")
        @Default("auto") @Cli("--mask-mode") MaskMode mask) {

    enum MaskMode { AUTO, NONE }
}
