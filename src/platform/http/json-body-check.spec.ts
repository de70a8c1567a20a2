import { checkJsonBody, MAX_JSON_DEPTH } from './json-body-check';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('checkJsonBody', () => {
  it('accepts a body exactly as deep as the limit', () => {
    expect(checkJsonBody(nested(MAX_JSON_DEPTH))).toBeNull();
  });

  it('refuses one level more, naming where it went too deep', () => {
    expect(checkJsonBody({ a: nested(MAX_JSON_DEPTH) })).toEqual({ kind: 'too-deep', path: `a${'[0]'.repeat(MAX_JSON_DEPTH - 1)}` });
  });

  it('walks a million levels without recursion', () => {
    expect(checkJsonBody(nested(1_000_000))?.kind).toBe('too-deep');
  });

  it('names every string with NUL, in document order', () => {
    expect(checkJsonBody({ a: 'x\u0000', b: [{ c: 'ok' }, '\u0000'] })).toEqual({ kind: 'nul', paths: ['a', 'b[1]'] });
  });
});
