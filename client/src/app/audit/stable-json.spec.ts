import { stableJson } from './stable-json';

describe('stableJson', () => {
  it('sorts keys at every depth and indents by two spaces', () => {
    expect(stableJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toEqual([
      '{',
      '  "a": {',
      '    "c": null,',
      '    "d": [',
      '      {',
      '        "y": 2,',
      '        "z": 1',
      '      }',
      '    ]',
      '  },',
      '  "b": 1',
      '}',
    ]);
  });

  it('gives the same lines whatever order the keys came in', () => {
    expect(stableJson({ x: 1, y: 2 })).toEqual(stableJson({ y: 2, x: 1 }));
  });

  it('gives no lines for a missing value', () => {
    expect(stableJson(null)).toEqual([]);
    expect(stableJson(undefined)).toEqual([]);
  });
});
