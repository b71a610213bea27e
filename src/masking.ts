/**
 * One masking policy for credentials, applied to every output: `validate` (text, JSON, SARIF),
 * `plan` (text, JSON, markdown), and synth errors and warnings.
 *
 * What counts as a credential is decided once (`isCredentialKey`, the rule behind
 * SEC-PLAINTEXT-CREDENTIAL): a string value under a credential-like key anywhere in an object
 * (`flinkConfiguration["s3.secret-key"]`, `spec.configuration`, nested maps, ConfigMap data), and
 * the `value` of an environment variable whose `name` is credential-like (`AWS_SECRET_ACCESS_KEY`,
 * `DB_PASSWORD`, `KAFKA_CREDENTIALS`, `API_AUTH`). References (`${VAR}`, empty) are not credentials. Every output string that
 * equals or contains a collected value shows `***` instead; a value that is exactly a credential
 * shows `*** (N characters, hidden)`, so a change is still visible without the secret.
 */
import { isCredentialKey, masked } from './validation/rules/security';

/** Shown in place of a credential inside a longer text. */
export const MASK = '***';
/** Substrings shorter than this are not searched for inside longer texts (too likely to be ordinary words). */
const MIN_SUBSTRING = 4;

function isReference(value: string): boolean {
  return value.trim() === '' || /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(value.trim());
}

/** `AWS_SECRET_ACCESS_KEY` → `aws.secret.access.key`, so environment names are judged like configuration keys. */
function envKey(name: string): string {
  return name.toLowerCase().replace(/_+/g, '.');
}

/**
 * Environment variables are read by programs we cannot see, so their names are judged more
 * broadly than configuration keys: any name that mentions a password, secret, token, key,
 * credential, authentication or certificate material. Hiding a harmless value costs a line of a
 * plan; showing a secret costs a rotation.
 */
const CREDENTIAL_ENV_NAME = /pass|pwd|secret|token|key|credential|auth|private|cert|sasl|jaas|signature|salt|cookie|session|dsn|connection.?string/i;

function isCredentialEnv(name: string, value: string): boolean {
  return CREDENTIAL_ENV_NAME.test(name) || isCredentialKey(envKey(name), value);
}

/** Keys whose values are credentials: the SEC-PLAINTEXT-CREDENTIAL rule, plus keys naming credentials outright. */
function isCredentialEntry(key: string, value: string): boolean {
  return isCredentialKey(key, value) || /(^|[._-])credentials?$/i.test(key);
}

/** The credential values in any number of JSON-like values (documents, props). */
export function credentialValues(...roots: unknown[]): Set<string> {
  const out = new Set<string>();
  const stack: unknown[] = [...roots];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
      continue;
    }
    const rec = v as Record<string, unknown>;
    // Every value of a Secret is a credential, whatever its key.
    if (rec.kind === 'Secret') {
      for (const field of ['data', 'stringData']) {
        const m = rec[field];
        if (typeof m === 'object' && m !== null) for (const x of Object.values(m)) if (typeof x === 'string' && x !== '') out.add(x);
      }
    }
    if (typeof rec.name === 'string' && typeof rec.value === 'string' && !isReference(rec.value) && isCredentialEnv(rec.name, rec.value)) {
      out.add(rec.value);
    }
    for (const [key, value] of Object.entries(rec)) {
      if (typeof value === 'string') {
        if (isCredentialEntry(key, value) && !isReference(value)) out.add(value);
      } else {
        stack.push(value);
      }
    }
  }
  return out;
}

/** A text with every credential replaced by `***`. */
export function maskText(text: string, secrets: ReadonlySet<string>): string {
  if (secrets.size === 0) return text;
  if (secrets.has(text)) return masked(text);
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length >= MIN_SUBSTRING && out.includes(s)) out = out.split(s).join(MASK);
    // JSON-escaped forms (quotes, backslashes, newlines inside a secret) as they appear in messages.
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && escaped.length >= MIN_SUBSTRING && out.includes(escaped)) out = out.split(escaped).join(MASK);
  }
  return out;
}

/** A copy of any JSON-like value with every string masked; the value itself when nothing changes. */
export function maskDeep<T>(value: T, secrets: ReadonlySet<string>): T {
  if (secrets.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v, secrets);
    if (Array.isArray(v)) {
      let changed = false;
      const out = v.map((x) => {
        const y = walk(x);
        if (y !== x) changed = true;
        return y;
      });
      return changed ? out : v;
    }
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const y = walk(x);
        if (y !== x) changed = true;
        out[maskText(k, secrets)] = y;
        if (out[k] === undefined && k !== maskText(k, secrets)) changed = true;
      }
      return changed ? out : v;
    }
    return v;
  };
  return walk(value) as T;
}
