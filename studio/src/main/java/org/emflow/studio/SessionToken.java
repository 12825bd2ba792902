package org.emflow.studio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The per-session secret that every request must carry, as Jupyter Server does it: the console prints the
 * address with {@code ?token=...}; the first request with it gets an HttpOnly, SameSite=Strict cookie, and
 * the page then works with the cookie alone. Scripts may send the {@value #HEADER} header instead. No
 * response contains the token, so neither another local user (who can reach the port but not the console)
 * nor another web site the user visits (which cannot send the cookie) can read the workspace or start
 * anything.
 */
public final class SessionToken {
    public static final String HEADER = "X-Emflow-Token";
    /** The query parameter of the address the console prints. */
    public static final String QUERY = "token";
    private final String value;

    public SessionToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        this.value = HexFormat.of().formatHex(b);
    }

    public String value() {
        return value;
    }

    /** The cookie's name: one per port, since cookies do not tell ports apart and two studios may run side by side. */
    public static String cookieName(int port) {
        return "emflow-studio-" + port;
    }

    /** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
    }
}
