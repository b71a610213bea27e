/**
 * Evaluates Flux `healthCheckExprs` the way kustomize-controller does (fluxcd/pkg runtime/cel
 * StatusEvaluator): observedGeneration check first, then inProgress, failed, current, default
 * InProgress; same CEL options that matter here (optional types, dynamic top-level variables).
 */
import { Environment } from '@marcbachmann/cel-js';
import type { FluxHealthCheckExpr } from '../../src/gitops/flux';

export type FluxStatus = 'Current' | 'InProgress' | 'Failed';

const env = new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true });

/**
 * Kubernetes unstructured objects carry integers as int64; cel-js models CEL ints as BigInt.
 * Converting keeps int/double mixing errors visible the way cel-go would report them.
 */
export function toCelData(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (Array.isArray(value)) return value.map(toCelData);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCelData(v)]));
  }
  return value;
}

export function evalCel(expr: string, obj: Record<string, unknown>): unknown {
  return env.evaluate(expr, toCelData(obj) as Record<string, unknown>);
}

function evalBool(expr: string, obj: Record<string, unknown>): boolean {
  const v = evalCel(expr, obj);
  if (typeof v !== 'boolean') throw new Error(`expression did not return a bool: ${expr}`);
  return v;
}

/**
 * Flux's verdict. An evaluation error is returned as `error` (Flux reports it and keeps polling
 * until the Kustomization times out); callers decide whether that is acceptable.
 */
export function fluxStatus(
  exprs: FluxHealthCheckExpr,
  obj: Record<string, unknown>,
): { readonly status: FluxStatus; readonly error?: string } {
  const status = obj['status'] as Record<string, unknown> | undefined;
  const metadata = obj['metadata'] as Record<string, unknown> | undefined;
  const observed = status?.['observedGeneration'];
  if (typeof observed === 'number' && typeof metadata?.['generation'] === 'number' && observed !== metadata['generation']) {
    return { status: 'InProgress' };
  }
  try {
    if (evalBool(exprs.inProgress, obj)) return { status: 'InProgress' };
    if (evalBool(exprs.failed, obj)) return { status: 'Failed' };
    if (evalBool(exprs.current, obj)) return { status: 'Current' };
    return { status: 'InProgress' };
  } catch (e) {
    return { status: 'InProgress', error: (e as Error).message };
  }
}
