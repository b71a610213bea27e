/** How the operator upgrades the job (`spec.job.upgradeMode`). */
export class UpgradeMode {
  /** Stop with a savepoint, restore from it. Needs a savepoint directory. */
  public static readonly SAVEPOINT = new UpgradeMode('savepoint');
  /** Restore from the latest checkpoint. Needs a checkpoint directory (and HA to be safe). */
  public static readonly LAST_STATE = new UpgradeMode('last-state');
  /** Start empty: state is lost on every upgrade, including a blue/green transition. */
  public static readonly STATELESS = new UpgradeMode('stateless');

  private constructor(public readonly value: 'savepoint' | 'last-state' | 'stateless') {}

  public get isStateful(): boolean {
    return this.value !== 'stateless';
  }

  public toString(): string {
    return this.value;
  }
}
