/**
 * The FlinkSessionJob `jarURI` check of operator 1.15+ (`DefaultValidator.validateJarURI`), judged
 * offline: the URI is parsed the way `java.net.URI` parses it (closely enough for the shapes jar
 * locations take), the scheme is compared case-insensitively with the operator's allowlist, and for
 * http/https the host is judged only where that needs no name resolution: IP literals and
 * `localhost`. Host names are never resolved: the operator resolves them in its own network, and
 * what resolves where is not a property of the manifest.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Operator option holding the allowed jarURI schemes (`KubernetesOperatorConfigOptions.JAR_URI_ALLOWED_SCHEMES`). */
export const JAR_URI_ALLOWED_SCHEMES_KEY = 'kubernetes.operator.user.artifacts.allowed-schemes';
/** Operator option switching the restricted-host check (`JAR_URI_DISALLOW_RESTRICTED_HOSTS`, default true). */
export const JAR_URI_DISALLOW_RESTRICTED_HOSTS_KEY = 'kubernetes.operator.user.artifacts.disallow-restricted-hosts';
/** The operator's default allowlist: https only. */
export const DEFAULT_JAR_URI_SCHEMES: readonly string[] = ['https'];

/** What the operator reads from its own configuration for the jarURI check. */
export interface JarUriPolicy {
  /** Lower-case schemes. */
  readonly allowedSchemes: readonly string[];
  readonly disallowRestrictedHosts: boolean;
}

/**
 * The policy from an operator configuration (flat keys, as in the operator's Helm values
 * `defaultConfiguration`); the operator's defaults for what it does not set. A Flink list option
 * is `;`-separated (`https;s3`); a YAML flow list (`[https, s3]`) is accepted too.
 */
export function jarUriPolicy(operatorConfiguration?: Readonly<Record<string, string>>): JarUriPolicy {
  const raw = operatorConfiguration?.[JAR_URI_ALLOWED_SCHEMES_KEY];
  let allowedSchemes = DEFAULT_JAR_URI_SCHEMES;
  if (raw !== undefined) {
    const t = raw.trim();
    const parts = t.startsWith('[') && t.endsWith(']') ? t.slice(1, -1).split(',') : t.split(';');
    allowedSchemes = parts.map((s) => s.trim().replace(/^['"]|['"]$/g, '').toLowerCase()).filter((s) => s !== '');
  }
  const restricted = operatorConfiguration?.[JAR_URI_DISALLOW_RESTRICTED_HOSTS_KEY]?.trim().toLowerCase();
  return { allowedSchemes, disallowRestrictedHosts: restricted !== 'false' };
}

/** A parsed URI, as far as the check needs it. */
export interface ParsedUri {
  readonly scheme?: string;
  /** The server-based host (`java.net.URI.getHost()`): undefined for opaque or registry-based URIs. */
  readonly host?: string;
}

/** Thrown-message equivalent of java.net.URISyntaxException: `<reason> at index <i>: <input>`. */
export type UriParse = { readonly ok: true; readonly uri: ParsedUri } | { readonly ok: false; readonly error: string };

// RFC 2396 as java.net.URI implements it: unreserved, reserved, escapes; non-ASCII "other"
// characters are allowed unless they are controls or spaces.
const ALLOWED_ASCII = /[A-Za-z0-9\-_.!~*'();/?:@&=+$,[\]%#]/;

function illegal(input: string, i: number, component: string): UriParse {
  return { ok: false, error: `Illegal character in ${component} at index ${i}: ${input}` };
}

/** Parses like `new URI(s)`, reporting the first syntax error the way Java words it. */
export function parseJavaUri(input: string): UriParse {
  if (input === '') return { ok: true, uri: {} };
  // Scheme: text before the first ':' that comes before any '/', '?' or '#'.
  const stop = input.search(/[/?#]/);
  const colon = input.indexOf(':');
  let scheme: string | undefined;
  let rest = input;
  let offset = 0;
  if (colon >= 0 && (stop < 0 || colon < stop)) {
    if (colon === 0) return { ok: false, error: `Expected scheme name at index 0: ${input}` };
    scheme = input.slice(0, colon);
    const bad = scheme.search(/[^A-Za-z0-9+.-]/);
    if (!/^[A-Za-z]/.test(scheme)) return illegal(input, 0, 'scheme name');
    if (bad >= 0) return illegal(input, bad, 'scheme name');
    rest = input.slice(colon + 1);
    offset = colon + 1;
    if (rest === '') return { ok: false, error: `Expected scheme-specific part at index ${offset}: ${input}` };
  }
  // Characters, escapes and the single fragment separator.
  let hash = -1;
  const authEnd = rest.startsWith('//') ? authorityEnd(rest) : 0;
  const query = rest.indexOf('?');
  const hierarchical = scheme === undefined || rest.startsWith('/');
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    const code = c.charCodeAt(0);
    const component = hash >= 0 ? 'fragment' : i < authEnd ? 'authority' : query >= 0 && i > query ? 'query' : hierarchical ? 'path' : 'opaque part';
    if (code < 0x80) {
      if (!ALLOWED_ASCII.test(c)) return illegal(input, offset + i, component);
      if (c === '#') {
        if (hash >= 0) return illegal(input, offset + i, 'fragment');
        hash = i;
      } else if (c === '%' && !/^[0-9A-Fa-f]{2}$/.test(rest.slice(i + 1, i + 3))) {
        return { ok: false, error: `Malformed escape pair at index ${offset + i}: ${input}` };
      } else if ((c === '[' || c === ']') && i >= authEnd) {
        return illegal(input, offset + i, component);
      }
    } else if (/[\p{Cc}\p{Zs}\p{Zl}\p{Zp}]/u.test(c)) {
      return illegal(input, offset + i, component);
    }
  }
  if (scheme !== undefined && !rest.startsWith('/')) return { ok: true, uri: { scheme } }; // opaque: no host
  if (!rest.startsWith('//')) return { ok: true, uri: { scheme } };
  const authority = rest.slice(2, authorityEnd(rest));
  return { ok: true, uri: { scheme, host: serverHost(authority) } };
}

function authorityEnd(rest: string): number {
  const end = rest.slice(2).search(/[/?#]/);
  return end < 0 ? rest.length : end + 2;
}

// hostname = *(domainlabel ".") toplabel ["."], labels alphanumeric with inner '-', and the
// rightmost label of a dotted name starting with a letter (java.net.URI.Parser.parseHostname).
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;

/** The host of a server-based authority, or undefined when Java would fall back to a registry-based one. */
function serverHost(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostPort === '') return undefined;
  let host: string;
  let port: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return undefined;
    host = hostPort.slice(0, close + 1);
    if (!isIPv6(host.slice(1, -1).replace(/%.*$/, ''))) return undefined;
    port = close + 1 < hostPort.length ? hostPort.slice(close + 1) : undefined;
    if (port !== undefined && !port.startsWith(':')) return undefined;
    port = port?.slice(1);
  } else {
    const colon = hostPort.indexOf(':');
    host = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    port = colon >= 0 ? hostPort.slice(colon + 1) : undefined;
    if (!isIPv4(host)) {
      const labels = (host.endsWith('.') ? host.slice(0, -1) : host).split('.');
      if (labels.some((l) => !LABEL.test(l))) return undefined;
      if (labels.length > 1 && !/^[A-Za-z]/.test(labels[labels.length - 1])) return undefined;
    }
  }
  if (port !== undefined && !/^\d*$/.test(port)) return undefined;
  return host;
}

// The address classes java.net.InetAddress calls loopback, link-local, site-local, wildcard
// ("any local") and multicast. IPv6 site-local is the old fec0::/10, not the fc00::/7 ULA range.
const RESTRICTED = new BlockList();
RESTRICTED.addSubnet('127.0.0.0', 8, 'ipv4');
RESTRICTED.addSubnet('169.254.0.0', 16, 'ipv4');
RESTRICTED.addSubnet('10.0.0.0', 8, 'ipv4');
RESTRICTED.addSubnet('172.16.0.0', 12, 'ipv4');
RESTRICTED.addSubnet('192.168.0.0', 16, 'ipv4');
RESTRICTED.addAddress('0.0.0.0', 'ipv4');
RESTRICTED.addSubnet('224.0.0.0', 4, 'ipv4');
RESTRICTED.addAddress('::1', 'ipv6');
RESTRICTED.addAddress('::', 'ipv6');
RESTRICTED.addSubnet('fe80::', 10, 'ipv6');
RESTRICTED.addSubnet('fec0::', 10, 'ipv6');
RESTRICTED.addSubnet('ff00::', 8, 'ipv6');

/**
 * Whether the host is restricted as far as can be known without resolving it: `true`/`false`
 * for `localhost` and IP literals (including a single decimal number, which Java reads as an
 * IPv4 address), `undefined` for any other name.
 */
export function isRestrictedHost(host: string): boolean | undefined {
  if (host.toLowerCase() === 'localhost' || host.toLowerCase() === 'localhost.') return true;
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1).replace(/%.*$/, '').toLowerCase();
    // IPv4-mapped addresses become Inet4Address in Java and are judged as IPv4.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
    if (mapped) return RESTRICTED.check(mapped[1], 'ipv4');
    return isIPv6(v6) ? RESTRICTED.check(v6, 'ipv6') : undefined;
  }
  if (isIPv4(host)) return RESTRICTED.check(host, 'ipv4');
  if (/^\d+$/.test(host) && Number(host) <= 0xffffffff) {
    const n = Number(host);
    return RESTRICTED.check([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'), 'ipv4');
  }
  return undefined;
}

/** One failure of the jarURI check, with the operator's message. */
export interface JarUriProblem {
  readonly kind: 'syntax' | 'no-scheme' | 'scheme' | 'no-host' | 'restricted-host';
  readonly operatorMessage: string;
  readonly scheme?: string;
  readonly host?: string;
}

/** `DefaultValidator.validateJarURI` without name resolution; undefined = accepted (or not judgeable offline). */
export function checkJarUri(jarUri: string, policy: JarUriPolicy): JarUriProblem | undefined {
  const parsed = parseJavaUri(jarUri);
  if (!parsed.ok) return { kind: 'syntax', operatorMessage: `jarURI is not a valid URI: ${parsed.error}` };
  const { scheme, host } = parsed.uri;
  if (scheme === undefined) return { kind: 'no-scheme', operatorMessage: 'jarURI must include a scheme' };
  const allowed = [...new Set(policy.allowedSchemes.map((s) => s.toLowerCase()))];
  if (!allowed.includes(scheme.toLowerCase())) {
    return {
      kind: 'scheme',
      scheme,
      operatorMessage: `jarURI scheme '${scheme}' is not in the allowlist [${allowed.join(', ')}]. Configure '${JAR_URI_ALLOWED_SCHEMES_KEY}' to extend the allowlist.`,
    };
  }
  if (/^https?$/i.test(scheme) && policy.disallowRestrictedHosts) {
    if (host === undefined || host === '') return { kind: 'no-host', scheme, operatorMessage: 'jarURI must include a host for http/https schemes' };
    if (isRestrictedHost(host)) {
      return { kind: 'restricted-host', scheme, host, operatorMessage: `jarURI host '${host}' resolves to a restricted address` };
    }
  }
  return undefined;
}
