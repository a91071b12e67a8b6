import { describe, expect, it } from 'vitest';
import { browserOrigins, originsOf } from './origins.js';

describe('browser origins', () => {
  it('are the URLs’ origins, each once', () => {
    expect(
      originsOf(['http://localhost:3000/x', 'http://localhost:3000', 'https://a.test/b']),
    ).toEqual(['http://localhost:3000', 'https://a.test']);
  });

  it('outside production take the loopback twin too; in production only what is configured', () => {
    const urls = ['http://localhost:3000', 'https://shop.test'];
    expect(browserOrigins(urls, false)).toEqual([
      'http://localhost:3000',
      'https://shop.test',
      'http://127.0.0.1:3000',
    ]);
    expect(browserOrigins(['http://127.0.0.1:4000'], false)).toEqual([
      'http://127.0.0.1:4000',
      'http://localhost:4000',
    ]);
    expect(browserOrigins(urls, true)).toEqual(['http://localhost:3000', 'https://shop.test']);
  });
});
