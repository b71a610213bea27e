/** Where a command writes; tests pass their own to capture output without a subprocess. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export function defaultIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
  };
}
