import type { Writable } from 'node:stream';
import { formatTable } from './table';

/** Where a command writes: results on stdout (human lines or the API's JSON), messages on stderr. */
export class Output {
  constructor(
    private readonly stdout: Writable = process.stdout,
    private readonly stderr: Writable = process.stderr,
    /** Whether stdout is a terminal (progress bars) rather than a pipe or a file (plain lines). */
    readonly isTty = process.stdout.isTTY === true,
  ) {}

  /** One line of a result. */
  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  /** The API's JSON, pretty-printed, for `--json`. */
  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Rows under a header, in aligned columns; a note instead when there are none. */
  table(headers: readonly string[], rows: readonly (readonly string[])[], none = '(none)'): void {
    this.stdout.write(rows.length ? formatTable(headers, rows) : `${none}\n`);
  }

  /** A message that is not the result (a warning, an error), on stderr. */
  warn(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  /** The stream progress is drawn on. */
  get progressStream(): Writable {
    return this.stdout;
  }
}
