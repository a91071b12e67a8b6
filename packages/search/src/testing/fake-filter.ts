/**
 * Meilisearch's filter syntax, as much as the fake needs to evaluate filters
 * honestly: comparisons (= != > >= < <=), `a TO b`, IN [...], EXISTS, AND,
 * OR, NOT, parentheses, quoted values with backslash escapes, and the array
 * form (elements AND-ed, nested arrays OR-ed). Anything else is a syntax
 * error, as it would be for Meilisearch.
 */

export type FilterNode =
  | { kind: 'and' | 'or'; children: FilterNode[] }
  | { kind: 'not'; child: FilterNode }
  | { kind: 'compare'; attribute: string; op: '=' | '!=' | '>' | '>=' | '<' | '<='; value: string }
  | { kind: 'range'; attribute: string; from: string; to: string }
  | { kind: 'in'; attribute: string; values: string[] }
  | { kind: 'exists'; attribute: string };

interface Token {
  type: 'word' | 'quoted' | 'op' | '(' | ')' | '[' | ']' | ',';
  text: string;
}

function tokenizeFilter(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"' || c === "'") {
      let text = '';
      i += 1;
      let closed = false;
      while (i < source.length) {
        const d = source[i]!;
        if (d === '\\' && i + 1 < source.length) {
          text += source[i + 1];
          i += 2;
        } else if (d === c) {
          closed = true;
          i += 1;
          break;
        } else {
          text += d;
          i += 1;
        }
      }
      if (!closed) throw new Error(`Expression \`${source}\` is missing a closing quote.`);
      tokens.push({ type: 'quoted', text });
    } else if ('()[],'.includes(c)) {
      tokens.push({ type: c as Token['type'], text: c });
      i += 1;
    } else if ('=!<>'.includes(c)) {
      const two = source.slice(i, i + 2);
      if (two === '!=' || two === '>=' || two === '<=') {
        tokens.push({ type: 'op', text: two });
        i += 2;
      } else if (c === '!') {
        throw new Error(
          `Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\` at \`${source.slice(i)}\`.`,
        );
      } else {
        tokens.push({ type: 'op', text: c });
        i += 1;
      }
    } else {
      let text = '';
      while (i < source.length && !/[\s()[\],=!<>"']/.test(source[i]!)) {
        text += source[i];
        i += 1;
      }
      tokens.push({ type: 'word', text });
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): FilterNode {
    const node = this.or();
    if (this.at < this.tokens.length) this.error(`unexpected \`${this.tokens[this.at]!.text}\``);
    return node;
  }

  private error(what: string): never {
    throw new Error(`Invalid filter \`${this.source}\`: ${what}.`);
  }

  private peekKeyword(word: string, offset = 0): boolean {
    const t = this.tokens[this.at + offset];
    return t?.type === 'word' && t.text.toUpperCase() === word;
  }

  private or(): FilterNode {
    const children = [this.and()];
    while (this.peekKeyword('OR')) {
      this.at += 1;
      children.push(this.and());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private and(): FilterNode {
    const children = [this.not()];
    while (this.peekKeyword('AND')) {
      this.at += 1;
      children.push(this.not());
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private not(): FilterNode {
    if (this.peekKeyword('NOT')) {
      this.at += 1;
      return { kind: 'not', child: this.not() };
    }
    return this.primary();
  }

  private value(): string {
    const t = this.tokens[this.at];
    if (!t || (t.type !== 'word' && t.type !== 'quoted')) this.error('a value was expected');
    this.at += 1;
    return t!.text;
  }

  private primary(): FilterNode {
    const t = this.tokens[this.at];
    if (!t) this.error('an expression was expected');
    if (t!.type === '(') {
      this.at += 1;
      const node = this.or();
      if (this.tokens[this.at]?.type !== ')') this.error('a closing parenthesis was expected');
      this.at += 1;
      return node;
    }
    const attribute = this.value();
    const next = this.tokens[this.at];
    if (next?.type === 'op') {
      this.at += 1;
      return { kind: 'compare', attribute, op: next.text as '=', value: this.value() };
    }
    if (this.peekKeyword('EXISTS')) {
      this.at += 1;
      return { kind: 'exists', attribute };
    }
    if (this.peekKeyword('NOT') && this.peekKeyword('EXISTS', 1)) {
      this.at += 2;
      return { kind: 'not', child: { kind: 'exists', attribute } };
    }
    const notIn = this.peekKeyword('NOT') && this.peekKeyword('IN', 1);
    if (this.peekKeyword('IN') || notIn) {
      this.at += notIn ? 2 : 1;
      if (this.tokens[this.at]?.type !== '[') this.error('`[` was expected after IN');
      this.at += 1;
      const values: string[] = [];
      while (this.tokens[this.at]?.type !== ']') {
        values.push(this.value());
        if (this.tokens[this.at]?.type === ',') this.at += 1;
        else if (this.tokens[this.at]?.type !== ']') this.error('`,` or `]` was expected');
      }
      this.at += 1;
      const node: FilterNode = { kind: 'in', attribute, values };
      return notIn ? { kind: 'not', child: node } : node;
    }
    if (next && (next.type === 'word' || next.type === 'quoted') && this.peekKeyword('TO', 1)) {
      const from = this.value();
      this.at += 1;
      return { kind: 'range', attribute, from, to: this.value() };
    }
    return this.error(
      `was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`TO\`, \`EXISTS\`, \`NOT EXISTS\`, \`IN\`, \`NOT IN\` after \`${attribute}\``,
    );
  }
}

/** Parses a filter given as a string or in the array form. */
export function parseFilter(filter: unknown): FilterNode {
  if (typeof filter === 'string') {
    return new Parser(tokenizeFilter(filter), filter).parse();
  }
  if (Array.isArray(filter)) {
    return {
      kind: 'and',
      children: filter.map((element) => {
        if (typeof element === 'string') return parseFilter(element);
        if (Array.isArray(element) && element.every((e) => typeof e === 'string')) {
          return { kind: 'or', children: element.map((e) => parseFilter(e)) };
        }
        throw new Error(
          'Invalid syntax for the filter parameter: expected a string or an array of strings.',
        );
      }),
    };
  }
  throw new Error(
    'Invalid syntax for the filter parameter: expected a string or an array of strings.',
  );
}

/** Every attribute a filter mentions (each must be filterable). */
export function filterAttributes(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.flatMap(filterAttributes);
    case 'not':
      return filterAttributes(node.child);
    default:
      return [node.attribute];
  }
}

const asNumber = (v: string): number | undefined => {
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : undefined;
};

function valuesOf(doc: Record<string, unknown>, attribute: string): unknown[] {
  const value = attribute
    .split('.')
    .reduce<unknown>(
      (v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
      doc,
    );
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function equals(actual: unknown, expected: string): boolean {
  if (typeof actual === 'number') return actual === asNumber(expected);
  if (typeof actual === 'boolean') return String(actual) === expected.toLowerCase();
  // Meilisearch compares filter strings case-insensitively.
  return String(actual).toLowerCase() === expected.toLowerCase();
}

function compare(actual: unknown, op: string, expected: string): boolean {
  if (op === '=') return equals(actual, expected);
  if (op === '!=') return !equals(actual, expected);
  const n = asNumber(expected);
  if (typeof actual !== 'number' || n === undefined) return false;
  if (op === '>') return actual > n;
  if (op === '>=') return actual >= n;
  if (op === '<') return actual < n;
  return actual <= n;
}

export function evaluateFilter(node: FilterNode, doc: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((c) => evaluateFilter(c, doc));
    case 'or':
      return node.children.some((c) => evaluateFilter(c, doc));
    case 'not':
      return !evaluateFilter(node.child, doc);
    case 'exists':
      return valuesOf(doc, node.attribute).length > 0;
    case 'in':
      return valuesOf(doc, node.attribute).some((v) => node.values.some((e) => equals(v, e)));
    case 'range':
      return valuesOf(doc, node.attribute).some(
        (v) => compare(v, '>=', node.from) && compare(v, '<=', node.to),
      );
    case 'compare': {
      const values = valuesOf(doc, node.attribute);
      // `!=` holds for a document without the attribute, like Meilisearch.
      if (node.op === '!=') return values.every((v) => compare(v, '!=', node.value));
      return values.some((v) => compare(v, node.op, node.value));
    }
  }
}
