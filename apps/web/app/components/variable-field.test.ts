import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type PromptVariable, VariableField, variableLabel } from './variable-field';

function render(variable: PromptVariable, value = '') {
  return renderToStaticMarkup(
    createElement(VariableField, { variable, value, onChange: () => {} }),
  );
}

describe('variable field', () => {
  it('renders short text as a text input, with its hint and example', () => {
    const html = render({
      name: 'language',
      type: 'text',
      description: 'The programming language',
      example: 'TypeScript',
    });
    expect(html).toMatch(/<input[^>]*name="var\.language"[^>]*type="text"/);
    expect(html).toContain('placeholder="TypeScript"');
    expect(html).toContain('The programming language');
    expect(html).toMatch(/aria-describedby="[^"]+-hint"/);
    expect(html).toContain('<code class="muted">[language]</code>');
  });

  it('renders long text as a textarea, keeping its value', () => {
    const html = render(
      { name: 'diff', type: 'long_text', description: 'The change', example: '--- a/x' },
      '+ added',
    );
    expect(html).toMatch(
      /<textarea[^>]*name="var\.diff"[^>]*placeholder="--- a\/x"[^>]*>\+ added<\/textarea>/,
    );
    expect(html).not.toContain('<input');
  });

  it('renders a number as a number input', () => {
    const html = render({ name: 'points', type: 'number', description: '', example: '5' }, '3');
    expect(html).toMatch(/<input[^>]*name="var\.points"[^>]*type="number"/);
    expect(html).toContain('value="3"');
    expect(html).toContain('placeholder="5"');
    // No description: no hint to point at.
    expect(html).not.toContain('aria-describedby');
  });

  it('renders a choice as a select of its options, the example in the hint', () => {
    const html = render(
      {
        name: 'audience',
        type: 'choice',
        description: 'Who reads it',
        example: 'senior',
        options: ['junior', 'senior'],
      },
      'junior',
    );
    expect(html).toMatch(/<select[^>]*name="var\.audience"/);
    expect(html).toContain('<option value="">Choose…</option>');
    expect(html).toContain('<option value="junior" selected="">junior</option>');
    expect(html).toContain('<option value="senior">senior</option>');
    expect(html).toContain('Who reads it<span> (e.g. senior)</span>');
  });

  it('labels a variable by its name, made readable', () => {
    expect(variableLabel('target_audience')).toBe('Target audience');
  });
});
