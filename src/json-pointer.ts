/**
 * JSON Pointer (RFC 6901), the one implementation behind finding paths, plan paths, Kustomize
 * JSON patches and Argo CD's `jsonPointers`.
 */

/**
 * Escapes one reference token (RFC 6901 §3): `~` becomes `~0` and `/` becomes `~1`, in that
 * order, so that `~1` in a key stays a literal (`~01`) instead of turning into `/`.
 */
export function escapeJsonPointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A JSON Pointer from unescaped reference tokens: `jsonPointer('data', 'a/b')` is `/data/a~1b`; no tokens is `''` (the whole document). */
export function jsonPointer(...tokens: ReadonlyArray<string | number>): string {
  return tokens.map((t) => `/${escapeJsonPointerToken(t)}`).join('');
}
