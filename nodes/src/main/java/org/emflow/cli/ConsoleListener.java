package org.emflow.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.emflow.workflow.NodeState;
import org.emflow.workflow.RunListener;

/**
 * Shows a run in the terminal: a progress bar per running node when the console is interactive,
 * otherwise (logs, CI) one line per state change and per tenth of progress. Node log lines are
 * printed with the node's id in front.
 */
final class ConsoleListener implements RunListener {
    private static final int STEPS = 1000;
    private final PrintWriter out;
    private final boolean interactive;
    private final Map<String, ProgressBar> bars = new ConcurrentHashMap<>();
    private final Map<String, Integer> lastTenth = new ConcurrentHashMap<>();

    /** Rewrites a node's state message for this console: a command line's flags in place of setting names. */
    private final UnaryOperator<String> messages;

    ConsoleListener(PrintWriter out, boolean interactive) {
        this(out, interactive, UnaryOperator.identity());
    }

    /** A console whose state messages name settings by {@code names}' flags, as the command's final error line does. */
    ConsoleListener(PrintWriter out, boolean interactive, FlagNames names) {
        this(out, interactive, names::in);
    }

    private ConsoleListener(PrintWriter out, boolean interactive, UnaryOperator<String> messages) {
        this.out = out;
        this.interactive = interactive;
        this.messages = messages;
    }

    static boolean consoleIsInteractive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void stateChanged(String node, NodeState state, String message) {
        if (state == NodeState.WAITING) {
            return;
        }
        if (state == NodeState.RUNNING && interactive) {
            bars.put(node, new ProgressBarBuilder().setTaskName(node).setInitialMax(STEPS).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(200).continuousUpdate().build());
            return;
        }
        ProgressBar bar = bars.remove(node);
        if (bar != null) {
            if (state == NodeState.DONE) {
                bar.stepTo(STEPS);
            }
            bar.close();
        }
        synchronized (out) {
            out.println("[" + node + "] " + state.label() + (message == null || message.isEmpty() ? "" : ": " + messages.apply(message)));
            out.flush();
        }
    }

    @Override
    public void progress(String node, double fraction, String message) {
        ProgressBar bar = bars.get(node);
        if (bar != null) {
            bar.stepTo(Math.round(fraction * STEPS));
            if (message != null) {
                bar.setExtraMessage(message);
            }
            return;
        }
        int tenth = (int) Math.floor(fraction * 10);
        Integer prev = lastTenth.put(node, tenth);
        if (prev == null || tenth > prev) {
            synchronized (out) {
                out.printf(Locale.ROOT, "[%s] %3d%% %s%n", node, tenth * 10, message == null ? "" : message);
                out.flush();
            }
        }
    }

    @Override
    public void log(String node, String line) {
        ProgressBar bar = bars.get(node);
        synchronized (out) {
            out.println("[" + node + "] " + line);
            out.flush();
        }
        if (bar != null) {
            bar.refresh();
        }
    }
}
