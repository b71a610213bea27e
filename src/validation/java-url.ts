/**
 * What `new java.net.URL(spec)` refuses for an http(s) URL, as the operator's
 * `IngressUtils.getIngressUrl` calls it (JDK 17+ `URLStreamHandler.parseURL`). Java's parser is far
 * more lenient than the WHATWG parser behind JavaScript's `URL`: it accepts spaces, `_`, `^` or
 * `{}` in hosts, ports above 65535 and an empty host. It refuses a port that is not a decimal
 * integer, a negative port other than -1, and a malformed IPv6 literal.
 *
 * @returns the exception message Java gives, or undefined when Java accepts the URL.
 */
export function javaUrlError(spec: string): string | undefined {
  // URL(String) trims characters <= ' ' at both ends, and cuts the fragment.
  const s = spec.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  const m = /^[a-z][a-z0-9+.-]*:/i.exec(s);
  if (!m) return `no protocol: ${spec}`;
  let rest = s.slice(m[0].length);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  if (!rest.startsWith('//')) return undefined;
  rest = rest.slice(2);
  let end = rest.indexOf('/');
  if (end < 0) end = rest.indexOf('?');
  const authority = end < 0 ? rest : rest.slice(0, end);
  const at = authority.indexOf('@');
  if (at !== -1 && at !== authority.lastIndexOf('@')) return undefined; // Java gives up on the host, no exception
  const host = at === -1 ? authority : authority.slice(at + 1);
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return `Invalid host: ${host}`;
    if (!isIpv6(host.slice(1, close))) return `Invalid host: ${host}`;
    const after = host.slice(close + 1);
    if (after === '') return undefined;
    if (!after.startsWith(':')) return `Invalid authority field: ${authority}`;
    return portError(after.slice(1));
  }
  const colon = host.indexOf(':');
  return colon < 0 ? undefined : portError(host.slice(colon + 1));
}

/** Integer.parseInt(host, start, end, 10), then URLStreamHandler's "port < -1" check. */
function portError(text: string): string | undefined {
  if (text === '') return undefined; // "host:" has no port (RFC 2396)
  const m = /^([+-]?)(\d+)$/.exec(text);
  if (!m) {
    const bad = /^[+-]?$/.test(text) ? 0 : [...text].findIndex((c, i) => !(/\d/.test(c) || (i === 0 && /[+-]/.test(c))));
    return `Error at index ${Math.max(bad, 0)} in: "${text}"`;
  }
  const n = Number(text);
  if (n > 2147483647 || n < -2147483648) return `Error at index ${text.length - 1} in: "${text}"`;
  if (n < -1) return `Invalid port number :${n}`;
  return undefined;
}

function isIpv6(text: string): boolean {
  const addr = text.split('%')[0];
  if (!/^[0-9a-f:.]+$/i.test(addr)) return false;
  const dbl = addr.split('::');
  if (dbl.length > 2) return false;
  const groups = addr.split(':').filter((g) => g !== '');
  const v4 = groups.length > 0 && groups[groups.length - 1].includes('.');
  if (v4 && !/^(\d{1,3})(\.\d{1,3}){3}$/.test(groups[groups.length - 1])) return false;
  const n = groups.length + (v4 ? 1 : 0);
  if (groups.some((g) => !g.includes('.') && !/^[0-9a-f]{1,4}$/i.test(g))) return false;
  return dbl.length === 2 ? n < 8 : n === 8;
}
