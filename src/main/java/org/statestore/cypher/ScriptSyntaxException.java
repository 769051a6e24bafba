package org.statestore.cypher;

/** A script that cannot be split into statements: the message names the script and the line. */
public final class ScriptSyntaxException extends RuntimeException {

    private final String scriptName;
    private final int line;

    public ScriptSyntaxException(String scriptName, int line, String problem) {
        super(scriptName + (line > 0 ? ":" + line : "") + ": " + problem, null, false, false);
        this.scriptName = scriptName;
        this.line = line;
    }

    public String scriptName() {
        return scriptName;
    }

    public int line() {
        return line;
    }
}
