import { confAt, type SpecContext } from './context';
import type { Finding } from './finding';

/**
 * Findings about a configuration key the manifest does not set (it comes from the operator's
 * default configuration) still point at the manifest's flinkConfiguration, where the fix goes; the
 * message says where the value came from.
 */
export function noteOperatorDefaults(findings: Finding[], ctx: SpecContext | undefined): Finding[] {
  if (!ctx) return findings;
  const fromDefaults = new Map<string, string>();
  for (const k of ctx.conf.values.keys()) if (!ctx.conf.sources.has(k)) fromDefaults.set(confAt(ctx, k), k);
  if (fromDefaults.size === 0) return findings;
  return findings.map((f) => {
    const k = fromDefaults.get(f.path);
    return k === undefined ? f : { ...f, message: `${f.message} ("${k}" comes from the operator's default configuration, not from this manifest)` };
  });
}
