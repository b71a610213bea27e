import { readFileSync } from 'node:fs';
import { findPackageRoot } from '../validation/crd';

/** This package's version, from its package.json (the installed copy's, wherever it runs from). */
export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(`${findPackageRoot()}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
