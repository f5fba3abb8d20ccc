package dev.ludicrous.blog;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * CSRF protection by signed double-submit cookie (OWASP): the browser holds a random value in a
 * {@code SameSite=Strict} cookie, the form carries its HMAC under the server's secret, and a POST
 * is accepted only when the two match. No server-side session is needed, which keeps pages
 * cacheable.
 */
final class Csrf {
    static final String COOKIE = "blog_csrf";
    static final String FIELD = "csrf";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    Csrf(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The token for this browser's form, setting the cookie first when the browser has none. */
    String token(HttpServletRequest request, HttpServletResponse response) {
        String value = cookie(request);
        if (value == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Cookie cookie = new Cookie(COOKIE, value);
            cookie.setPath("/");
            cookie.setHttpOnly(true);
            cookie.setAttribute("SameSite", "Strict");
            cookie.setSecure(request.isSecure());
            response.addCookie(cookie);
        }
        return sign(value);
    }

    /** Whether the POSTed token belongs to this browser's cookie. */
    boolean valid(HttpServletRequest request) {
        String value = cookie(request);
        String token = request.getParameter(FIELD);
        if (value == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(value).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName()) && cookie.getValue().length() >= 32) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(value.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
