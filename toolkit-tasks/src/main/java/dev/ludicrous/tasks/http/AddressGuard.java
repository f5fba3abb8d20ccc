package dev.ludicrous.tasks.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses hosts that resolve to loopback, private, link-local (cloud metadata lives at
 * 169.254.169.254), unique-local, carrier-grade NAT, multicast or unspecified addresses, unless an
 * allow-list names the host or a range holding every address it resolves to.
 */
final class AddressGuard {
    private final Set<String> allowedHosts;
    private final List<Cidr> allowedRanges;

    AddressGuard(Set<String> allowedHosts, List<Cidr> allowedRanges) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
    }

    /** Resolves the host and returns its addresses; throws when one of them is refused. */
    InetAddress[] check(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(name);
        if (allowedHosts.contains(name.toLowerCase(Locale.ROOT))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            String why = refusal(address);
            if (why != null && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
                throw new RefusedAddressException("refused to call " + host + ": it resolves to " + address.getHostAddress()
                        + ", a " + why + " address; allow it with allowHosts(\"" + name + "\") or allowRanges(...)"
                        + " if that is intended");
            }
        }
        return addresses;
    }

    static String refusal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "wildcard";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local (cloud metadata)";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return "\"this network\"";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "carrier-grade NAT";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
            if (first >= 240) {
                return "reserved";
            }
        } else if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local (private)";
            }
            if (isMappedOrCompatibleV4(b)) {
                return "IPv4-mapped";
            }
        }
        return null;
    }

    private static boolean isMappedOrCompatibleV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0);
    }

    /** An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
    record Cidr(byte[] network, int prefix, String text) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("allowRanges entries must be CIDR ranges such as 10.0.0.0/8, but was '"
                        + text + "'");
            }
            byte[] network;
            int prefix;
            try {
                network = InetAddress.getByName(text.substring(0, slash)).getAddress();
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("allowRanges entries must be CIDR ranges such as 10.0.0.0/8, but was '"
                        + text + "'", e);
            }
            if (!text.substring(0, slash).matches("[0-9a-fA-F:.]+") || prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("allowRanges entries must be CIDR ranges such as 10.0.0.0/8, but was '"
                        + text + "'");
            }
            return new Cidr(network, prefix, text);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((a[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
