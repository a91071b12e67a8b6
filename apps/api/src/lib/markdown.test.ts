import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown', () => {
    expect(renderMarkdown('**Great** prompt, _works_ with `gpt-4o`')).toBe(
      '<p><strong>Great</strong> prompt, <em>works</em> with <code>gpt-4o</code></p>',
    );
  });

  it.each([
    ['<script>alert(1)</script>', '<script'],
    ['<img src=x onerror=alert(1)>', 'onerror'],
    ['[click](javascript:alert(1))', 'javascript:'],
    ['<a href="https://x.test" onclick="alert(1)">x</a>', 'onclick'],
    ['![pixel](https://tracker.test/p.gif)', '<img'],
    ['<iframe src="https://evil.test"></iframe>', '<iframe'],
    ['<svg onload=alert(1)>', '<svg'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', 'data:'],
  ])('makes %s inert', (source, forbidden) => {
    expect(renderMarkdown(source).toLowerCase()).not.toContain(forbidden);
  });

  it('marks links as untrusted', () => {
    expect(renderMarkdown('[docs](https://example.test)')).toBe(
      '<p><a href="https://example.test" rel="nofollow noopener noreferrer ugc">docs</a></p>',
    );
  });
});
