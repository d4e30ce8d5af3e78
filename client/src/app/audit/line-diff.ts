/** One side of a diff row: the line's number in its text (from 1) and the line itself. */
export interface DiffSide {
  readonly number: number;
  readonly text: string;
}

/**
 * One row of a side-by-side diff: `same` has both sides equal, `changed` pairs a removed line with the
 * added line that took its place, `removed` has only the old side and `added` only the new one.
 */
export interface DiffRow {
  readonly change: 'same' | 'changed' | 'removed' | 'added';
  readonly old?: DiffSide;
  readonly new?: DiffSide;
}

type Op = { readonly kind: 'same' | 'removed' | 'added'; readonly text: string };

/**
 * Aligns two texts line by line for a side-by-side view, from their longest common subsequence: the
 * lines both keep sit on one row, and between two kept lines the removed and added runs are paired up.
 */
export function lineDiff(oldLines: readonly string[], newLines: readonly string[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let oldNumber = 0;
  let newNumber = 0;
  let removed: string[] = [];
  let added: string[] = [];
  const flushRuns = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      const old = i < removed.length ? { number: ++oldNumber, text: removed[i]! } : undefined;
      const now = i < added.length ? { number: ++newNumber, text: added[i]! } : undefined;
      rows.push({ change: old && now ? 'changed' : old ? 'removed' : 'added', old, new: now });
    }
    removed = [];
    added = [];
  };
  for (const op of editScript(oldLines, newLines)) {
    if (op.kind === 'removed') {
      removed.push(op.text);
    } else if (op.kind === 'added') {
      added.push(op.text);
    } else {
      flushRuns();
      rows.push({
        change: 'same',
        old: { number: ++oldNumber, text: op.text },
        new: { number: ++newNumber, text: op.text },
      });
    }
  }
  flushRuns();
  return rows;
}

/** The edit script from the LCS table; the common head and tail are cut first so the table stays small. */
function editScript(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  ) {
    tail++;
  }
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  // lcs[i * (m + 1) + j] = length of the LCS of x[i..] and y[j..]
  const n = x.length;
  const m = y.length;
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        x[i] === y[j]
          ? lcs[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = a.slice(0, head).map((text) => ({ kind: 'same', text }));
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      ops.push({ kind: 'same', text: x[i++]! });
      j++;
    } else if (lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!) {
      ops.push({ kind: 'removed', text: x[i++]! });
    } else {
      ops.push({ kind: 'added', text: y[j++]! });
    }
  }
  while (i < n) ops.push({ kind: 'removed', text: x[i++]! });
  while (j < m) ops.push({ kind: 'added', text: y[j++]! });
  for (const text of a.slice(a.length - tail)) ops.push({ kind: 'same', text });
  return ops;
}
