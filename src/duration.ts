/**
 * A length of time, rendered in Flink's duration syntax (`"10 s"`, `"5 min"`), which is what
 * the operator parses for `kubernetes.operator.bluegreen.*` keys. ISO-8601 (`PT5M`) is not
 * accepted there, so we never produce it.
 */
export class Duration {
  public static millis(amount: number): Duration {
    return new Duration(amount, 'ms');
  }
  public static seconds(amount: number): Duration {
    return new Duration(amount * 1000, 's');
  }
  public static minutes(amount: number): Duration {
    return new Duration(amount * 60_000, 'min');
  }
  public static hours(amount: number): Duration {
    return new Duration(amount * 3_600_000, 'h');
  }
  public static days(amount: number): Duration {
    return new Duration(amount * 86_400_000, 'd');
  }

  /**
   * Parses Flink's duration syntax. Throws with the accepted syntax when the text is not one.
   */
  public static parse(text: string): Duration {
    const ms = parseFlinkDuration(text);
    if (ms === undefined) {
      throw new Error(`"${text}" is not a Flink duration: expected a number and a unit such as "500 ms", "10 s", "5 min", "1 h"`);
    }
    return Duration.millis(ms);
  }

  private constructor(
    private readonly ms: number,
    private readonly unit: FlinkDurationUnit,
  ) {
    if (!Number.isFinite(ms) || ms < 0 || !Number.isInteger(ms)) {
      throw new Error(`Duration must be a whole, non-negative number of milliseconds, got ${ms} ms`);
    }
  }

  public toMilliseconds(): number {
    return this.ms;
  }

  /** Flink syntax in the unit the duration was created with, e.g. `"5 min"`. */
  public toFlinkString(): string {
    const factor = UNIT_MS[this.unit];
    if (this.ms % factor === 0) return `${this.ms / factor} ${this.unit}`;
    return `${this.ms} ms`;
  }

  public toString(): string {
    return this.toFlinkString();
  }
}

type FlinkDurationUnit = 'ms' | 's' | 'min' | 'h' | 'd';

const UNIT_MS: Record<FlinkDurationUnit, number> = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** Unit labels Flink's TimeUtils accepts, to their length in milliseconds. */
const FLINK_UNITS: Record<string, number> = {
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  min: 60_000, m: 60_000, minute: 60_000, minutes: 60_000,
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  ms: 1, milli: 1, millis: 1, millisecond: 1, milliseconds: 1,
  us: 0.001, micro: 0.001, micros: 0.001, microsecond: 0.001, microseconds: 0.001,
  ns: 0.000001, nano: 0.000001, nanos: 0.000001, nanosecond: 0.000001, nanoseconds: 0.000001,
};

/**
 * Milliseconds for a string in Flink's duration syntax (a bare number is milliseconds),
 * or undefined when Flink would reject it.
 */
export function parseFlinkDuration(text: string): number | undefined {
  const match = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2].toLowerCase();
  if (unit === '') return amount;
  const factor = FLINK_UNITS[unit];
  return factor === undefined ? undefined : Math.floor(amount * factor);
}
