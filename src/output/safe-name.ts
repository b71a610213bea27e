/**
 * Names are data, not paths: every name that becomes part of a file name (chart ids, kinds,
 * namespaces, object names, overlay names) goes through `fileNameSegment`, and every relative
 * path handed to the output writer through `checkRelativePath`.
 */
import { createHash } from 'node:crypto';

/** A relative path the writer refuses: absolute, `..`, empty segments, NUL, or too long. */
export class UnsafePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafePathError';
  }
}

/** Most file systems allow 255 bytes per name; we keep well below for prefixes and suffixes. */
export const MAX_SEGMENT_BYTES = 200;

/**
 * Throws unless `rel` is a `/`-separated relative path whose every segment is a plain name: not
 * empty, not `.` or `..`, no NUL or backslash, no control characters, at most 255 bytes.
 */
export function checkRelativePath(rel: string): void {
  if (typeof rel !== 'string' || rel === '') throw new UnsafePathError('an output path is empty');
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) throw new UnsafePathError(`output path ${JSON.stringify(rel)} is absolute`);
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.' || seg === '..') throw new UnsafePathError(`output path ${JSON.stringify(rel)} has a "${seg}" segment`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f\\]/.test(seg)) throw new UnsafePathError(`output path ${JSON.stringify(rel)} holds a control character or backslash`);
    if (Buffer.byteLength(seg) > 255) throw new UnsafePathError(`output path segment of ${Buffer.byteLength(seg)} bytes is longer than 255`);
  }
}

/**
 * Encodes any string as one safe file-name segment: lower-case letters, digits, `-`, `_` and `.`
 * are kept (Kubernetes names are made of these, so valid names come out unchanged); every other
 * character becomes `%XX` per UTF-8 byte; a leading `.` is encoded too (no hidden files, no `..`).
 * Results longer than MAX_SEGMENT_BYTES are cut and suffixed with a hash of the whole name, so
 * distinct names stay distinct.
 */
export function fileNameSegment(name: string): string {
  let out = '';
  for (const byte of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[a-z0-9_-]/.test(c) || (c === '.' && out !== '') ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  if (out === '') out = '%00empty';
  if (out.length > MAX_SEGMENT_BYTES) {
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
    out = `${out.slice(0, MAX_SEGMENT_BYTES - 17)}~${hash}`;
  }
  return out;
}
