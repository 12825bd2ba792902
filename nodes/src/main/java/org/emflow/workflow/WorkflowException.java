package org.emflow.workflow;

import java.util.List;
import java.util.stream.Collectors;
import org.emflow.compute.util.BadInputException;

/** A workflow that cannot run, with every problem found (not just the first). */
public class WorkflowException extends BadInputException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public WorkflowException(String fileName, List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in workflow"
                + (fileName == null ? "" : " " + fileName) + ":\n"
                + problems.stream().map(p -> "  " + p.format(fileName)).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
