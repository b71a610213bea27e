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
  /** Flink objects checked, per kind (kinds with none are left out). */
  readonly kindsChecked?: Readonly<Record<string, number>>;
}

/** `2 FlinkDeployment, 1 FlinkSessionJob`: what was checked, in a stable order. */
export function kindsSummary(kinds: Readonly<Record<string, number>> | undefined): string {
  const entries = Object.entries(kinds ?? {}).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([k, n]) => `${n} ${k}`).join(', ');
}

export function counts(findings: readonly FileFinding[]): { errors: number; warnings: number; files: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    files: new Set(findings.map((f) => f.file)).size,
  };
}
