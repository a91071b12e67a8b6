import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it.each([
    ['/account', '/account'],
    ['/account?tab=links#avatar', '/account?tab=links#avatar'],
    ['/prompts/a%20b', '/prompts/a%20b'],
    ['/a/../account', '/account'],
  ])('keeps the same-site path %s', (to, expected) => {
    expect(safeRedirect(to)).toBe(expected);
  });

  it.each([
    ['an absolute URL', 'https://evil.example/account'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a tab that URL parsers drop', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path', 'account'],
    ['an empty string', ''],
    ['a space before the slashes', ' //evil.example'],
    ['something not a string', ['/account']],
    ['nothing', null],
  ])('refuses %s', (_what, to) => {
    expect(safeRedirect(to)).toBe('/');
    expect(safeRedirect(to, '/account')).toBe('/account');
  });
});
