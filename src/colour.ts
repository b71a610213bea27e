/** One of the two deployments of a blue/green pair. */
export class Colour {
  public static readonly BLUE = new Colour('BLUE');
  public static readonly GREEN = new Colour('GREEN');

  private constructor(public readonly value: 'BLUE' | 'GREEN') {}

  /** The other colour. */
  public get other(): Colour {
    return this === Colour.BLUE ? Colour.GREEN : Colour.BLUE;
  }

  /** The suffix of the deployment name, as the operator names its children. */
  public get suffix(): 'blue' | 'green' {
    return this.value === 'BLUE' ? 'blue' : 'green';
  }

  public toString(): string {
    return this.value;
  }
}
