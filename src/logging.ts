/**
 * The job's logging configuration (`spec.logConfiguration`). The operator accepts exactly two
 * keys, one per logging backend, so this class offers one factory per backend.
 */
export class Logging {
  /** Log4j 2 properties, written to `log4j-console.properties`. */
  public static log4j(properties: string): Logging {
    return new Logging('log4j-console.properties', properties);
  }
  /** Logback XML, written to `logback-console.xml`. */
  public static logback(xml: string): Logging {
    return new Logging('logback-console.xml', xml);
  }

  private constructor(
    public readonly key: 'log4j-console.properties' | 'logback-console.xml',
    public readonly content: string,
  ) {}
}
