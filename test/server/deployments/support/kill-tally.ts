/** The outcomes a crash spec accepts, the columns of its table. */
const OUTCOMES = ['Success', 'Rolled Back'] as const;

/** Counts of SIGKILLs by the step under way and how the deployment ended; printed as a table. */
export class KillTally {
  private readonly counts = new Map<string, Map<string, number>>();
  private unconfirmed = 0;

  constructor(
    private readonly title: string,
    private readonly steps: readonly string[],
  ) {}

  /** A round's kill: in `step` (undefined when the round could not show which), ending `outcome`. */
  add(step: string | undefined, outcome: string): void {
    if (step === undefined) {
      this.unconfirmed += 1;
      return;
    }
    const row = this.counts.get(step) ?? new Map<string, number>();
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
    this.counts.set(step, row);
  }

  /** The steps no kill landed in. */
  missing(): string[] {
    return this.steps.filter((s) => !this.counts.has(s));
  }

  table(): string {
    const others = [...new Set([...this.counts.values()].flatMap((r) => [...r.keys()]))].filter(
      (o) => !(OUTCOMES as readonly string[]).includes(o),
    );
    const columns = [...OUTCOMES, ...others];
    const width = Math.max(4, ...this.steps.map((s) => s.length));
    const line = (first: string, cells: readonly string[]) =>
      [first.padEnd(width), ...cells.map((c, i) => c.padStart(columns[i]!.length))].join('  ');
    const rows = this.steps.map((s) =>
      line(
        s,
        columns.map((c) => String(this.counts.get(s)?.get(c) ?? 0)),
      ),
    );
    const footer = this.unconfirmed
      ? [`${this.unconfirmed} kill(s) not shown to have landed inside the step aimed at`]
      : [];
    return [this.title, line('step', columns), ...rows, ...footer].join('\n');
  }
}
