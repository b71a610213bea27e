import type { SpecOverrides } from './cutover';
import type { FlinkSpecProps } from './spec/props';

/**
 * A colour's props: the job's props with its overrides applied. A top-level override replaces the
 * prop; the nested groups `job`, `jobManager`, `taskManager` and `flinkConfiguration` are merged one
 * level deep, so `{ job: { jarURI } }` keeps the job's parallelism and `{ taskManager: { memory } }`
 * keeps its cpu and replicas.
 */
export function applyOverrides<T extends FlinkSpecProps>(props: T, overrides?: SpecOverrides): T {
  if (!overrides) return props;
  const out: Record<string, unknown> = { ...(props as object), ...(overrides as object) };
  for (const key of ['job', 'jobManager', 'taskManager', 'flinkConfiguration'] as const) {
    if (overrides[key] !== undefined) out[key] = { ...(props[key] ?? {}), ...overrides[key] };
  }
  return out as unknown as T;
}
