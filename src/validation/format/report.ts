import type { Finding } from '../finding';

/** A finding placed in a file: what the CLI prints. */
export interface FileFinding extends Finding {
  readonly file: string;
  readonly document: number;
  readonly kind: string | null;
  readonly name: string | null;
  /** 1-based line of the path (or its nearest existing parent) in the file, when known. */
  readonly line?: number;
  readonly column?: number;
}

export interface Report {
  readonly findings: readonly FileFinding[];
  readonly filesChecked: number;
}

export function counts(findings: readonly FileFinding[]): { errors: number; warnings: number; files: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    files: new Set(findings.map((f) => f.file)).size,
  };
}
