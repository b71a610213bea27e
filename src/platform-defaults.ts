import type { Construct } from 'constructs';

/** Placeholder until platform defaults land: props unchanged. */
export function applyPlatformDefaults<T>(_scope: Construct, props: T): T {
  return props;
}
