import { lineDiff, type DiffRow } from './line-diff';

/** The rows as `old | new` strings with a change marker, easy to read in an expectation. */
function shown(rows: readonly DiffRow[]): string[] {
  const marker = { same: ' ', changed: '~', removed: '-', added: '+' } as const;
  return rows.map(
    (row) =>
      `${marker[row.change]} ${row.old ? `${row.old.number}:${row.old.text}` : '.'} | ${
        row.new ? `${row.new.number}:${row.new.text}` : '.'
      }`,
  );
}

describe('lineDiff', () => {
  it('puts unchanged lines side by side on one row', () => {
    expect(shown(lineDiff(['a', 'b'], ['a', 'b']))).toEqual(['  1:a | 1:a', '  2:b | 2:b']);
  });

  it('shows an added line with nothing on the old side, numbering the rest on', () => {
    expect(shown(lineDiff(['a', 'c'], ['a', 'b', 'c']))).toEqual(['  1:a | 1:a', '+ . | 2:b', '  2:c | 3:c']);
  });

  it('shows a removed line with nothing on the new side', () => {
    expect(shown(lineDiff(['a', 'b', 'c'], ['a', 'c']))).toEqual(['  1:a | 1:a', '- 2:b | .', '  3:c | 2:c']);
  });

  it('pairs a removed line with the line that replaced it', () => {
    expect(shown(lineDiff(['{', '  "v": 1,', '  "w": 2', '}'], ['{', '  "v": 3,', '  "w": 2', '}']))).toEqual(
      ['  1:{ | 1:{', '~ 2:  "v": 1, | 2:  "v": 3,', '  3:  "w": 2 | 3:  "w": 2', '  4:} | 4:}'],
    );
  });

  it('pairs uneven runs and leaves the surplus on its own side', () => {
    expect(shown(lineDiff(['x', 'p', 'q', 'y'], ['x', 'r', 'y']))).toEqual([
      '  1:x | 1:x',
      '~ 2:p | 2:r',
      '- 3:q | .',
      '  4:y | 3:y',
    ]);
  });

  it('keeps the longest run of common lines, not the first match', () => {
    const rows = lineDiff(['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a']);
    expect(rows.filter((row) => row.change === 'same').map((row) => row.old!.text)).toEqual(['b', 'c', 'd']);
    expect(shown(rows)).toEqual(['- 1:a | .', '  2:b | 1:b', '  3:c | 2:c', '  4:d | 3:d', '+ . | 4:a']);
  });

  it('makes every line added when the old side is empty, and removed when the new one is', () => {
    expect(shown(lineDiff([], ['a', 'b']))).toEqual(['+ . | 1:a', '+ . | 2:b']);
    expect(shown(lineDiff(['a', 'b'], []))).toEqual(['- 1:a | .', '- 2:b | .']);
    expect(lineDiff([], [])).toEqual([]);
  });

  it('copes with repeated lines, keeping each once', () => {
    const rows = lineDiff(['}', '}', '}'], ['}', '}']);
    expect(rows.filter((row) => row.change === 'same').length).toBe(2);
    expect(rows.filter((row) => row.change === 'removed').length).toBe(1);
  });
});
