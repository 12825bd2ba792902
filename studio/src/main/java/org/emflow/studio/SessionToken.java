package org.emflow.studio;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The per-session secret every mutating request must carry in the {@value #HEADER} header. It is
 * generated at start and embedded in the served page, so another web site the user visits cannot
 * make the studio save, run or cancel anything (it cannot read the page to learn the token).
 */
public final class SessionToken {
    public static final String HEADER = "X-Emflow-Token";
    private final String value;

    public SessionToken() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        this.value = HexFormat.of().formatHex(b);
    }

    public String value() {
        return value;
    }

    /** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
    }
}
