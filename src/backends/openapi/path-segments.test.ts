import { describe, expect, it } from 'vitest';
import { decodings, describeTraversal, traversalIn } from './path-segments.js';
import type { CallPlan, ParamPlan } from './types.js';

const param = (name: string, over: Partial<ParamPlan> = {}): ParamPlan => ({
  arg: name,
  name,
  in: 'path',
  style: 'simple',
  explode: false,
  allowReserved: false,
  required: true,
  json: false,
  ...over,
});
const plan = (path: string, params: ParamPlan[]): CallPlan => ({
  method: 'GET',
  path,
  servers: ['https://api.example.com/v1'],
  params,
  security: [],
  accept: 'application/json',
  hasOutputSchema: false,
});
const items = plan('/items/{id}/keys', [param('id')]);
const check = (id: unknown) => traversalIn(items, { id });

describe('path parameters a decoding server would read as another path', () => {
  it.each([
    '.',
    '..',
    '../admin',
    'a/../../admin',
    '..\\admin',
    '..%2Fadmin',
    '..%2fadmin',
    '%2e%2e',
    '%2E%2e%5c',
    '%252e%252e%252fadmin', // decoded twice
    '%25252e%25252e', // three times
    '\uff0e\uff0e\uff0fadmin', // fullwidth, NFKC
    '\uff0e\uff0e',
    '\u2024\u2024', // one dot leader, NFKC
    '\ufe52.', // small full stop
    '..\u2215admin', // division slash (best-fit)
    '..\u2044x',
    '%c0%ae%c0%ae', // overlong UTF-8
    '%e0%80%ae.%c0%afadmin',
    '%f0%80%80%ae.',
    '%u002e%u002e',
    '%uff0e%uff0e',
    '\uff05\uff12\uff45\uff05\uff12\uff45', // fullwidth %2e%2e
    '..;jsessionid=1', // Tomcat and Jetty strip ;params from a segment
    '..%3B/admin',
    '..%00.json', // a NUL ends the name
    '.. ', // IIS trims trailing blanks
    '..%09',
  ])('refuses %j', (id) => {
    expect(check(id)).toEqual({ arg: 'id', problem: 'dot-segment' });
  });

  it.each([
    'a.b',
    '...',
    '.x',
    'x.',
    'v1..2',
    '..x',
    'x..',
    'a/b',
    'a\\b',
    '%',
    '%zz',
    '%c0',
    '%2F',
    'caf\u00e9',
    '\u2026',
  ])('lets %j through', (id) => {
    expect(check(id)).toBeUndefined();
  });

  it('refuses an empty segment (merged away by servers that collapse //) and too deep an encoding', () => {
    expect(check('')).toEqual({ arg: 'id', problem: 'empty-segment' });
    expect(check([])).toEqual({ arg: 'id', problem: 'empty-segment' });
    expect(check(`${'%25'.repeat(1)}${'25'.repeat(10)}2e`)).toEqual({ arg: 'id', problem: 'too-encoded' });
    // A segment with fixed text around the parameter is not empty: /files/{name}.json with name ''.
    expect(traversalIn(plan('/files/{name}.json', [param('name')]), { name: '' })).toBeUndefined();
  });

  it('reads the segment as built: fixed text, styles and arrays around the value count', () => {
    // '/files/.{ext}' with ext '.' is '..'; label style prefixes a '.'.
    expect(traversalIn(plan('/files/.{ext}', [param('ext')]), { ext: '.' })?.problem).toBe('dot-segment');
    expect(traversalIn(plan('/x/{v}', [param('v', { style: 'label' })]), { v: '.' })?.problem).toBe('dot-segment');
    expect(traversalIn(plan('/x/{v}', [param('v', { style: 'label' })]), { v: '' })?.problem).toBe('dot-segment');
    expect(traversalIn(plan('/x/{v}', [param('v', { style: 'label' })]), { v: 'a' })).toBeUndefined();
    expect(traversalIn(plan('/x/{v}', [param('v')]), { v: ['a', 'x/../b'] })?.problem).toBe('dot-segment');
    expect(traversalIn(plan('/x/{v}', [param('v')]), { v: ['a', '../b'] })).toBeUndefined(); // a,.. is one name
    expect(traversalIn(plan('/x/{v}', [param('v')]), { v: { k: '..' } })).toBeUndefined(); // k,..
    expect(traversalIn(plan('/x/{v}', [param('v', { explode: true })]), { v: { '..': '' } })).toBeUndefined(); // ..=
  });

  it('names the argument whose value made the segment, after any renaming', () => {
    const p = plan('/orgs/{org}/repos/{repo}', [param('org'), param('repo', { arg: 'path_repo' })]);
    expect(traversalIn(p, { org: 'acme', path_repo: '..' })).toEqual({ arg: 'path_repo', problem: 'dot-segment' });
    expect(describeTraversal({ arg: 'path_repo', problem: 'dot-segment' })).toMatch(/^path_repo: a path parameter/);
    expect(traversalIn(p, { org: 'acme', path_repo: 'site' })).toBeUndefined();
  });

  it('cuts trailing blanks without backtracking over a long run of blanks (this took minutes before)', () => {
    // Trailing blanks were cut with /[\s]+$/, which V8 retries from every blank of a run that does not end the value:
    // quadratic, 8.5 s for 40,000 blanks, 6 min for these, over an hour for the 1 MiB an agent's request may hold,
    // the gateway's event loop blocked throughout (measured at main ce3f5c6, load 19).
    const blanks = ' '.repeat(250_000);
    expect(check(`${blanks}x`)).toBeUndefined();
    expect(check(`..${blanks}`)).toEqual({ arg: 'id', problem: 'dot-segment' });
    expect(check(`..\t${blanks}\u3000`)).toEqual({ arg: 'id', problem: 'dot-segment' });
  });

  it('decodes one round at a time and stops when nothing changes', () => {
    expect(decodings('%252e')).toEqual(['%252e', '%2e', '.']);
    expect(decodings('plain')).toEqual(['plain']);
    expect(decodings('%25'.repeat(1) + '25'.repeat(20))).toBeUndefined();
  });
});
