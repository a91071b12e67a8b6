import type { Element, Root, RootContent } from 'hast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** What user-written Markdown may become: GitHub's sanitizer schema without images (no tracking pixels). */
const schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => tag !== 'img'),
};

/** Links written by users are not endorsed by us: rel="nofollow noopener noreferrer ugc". */
function untrustedLinks() {
  const visit = (node: Root | RootContent) => {
    if (node.type === 'element' && node.tagName === 'a') {
      (node as Element).properties.rel = ['nofollow', 'noopener', 'noreferrer', 'ugc'];
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  return (tree: Root) => visit(tree);
}

const processor = unified()
  .use(remarkParse)
  // Raw HTML in the source is dropped, not passed through (allowDangerousHtml stays off).
  .use(remarkRehype)
  .use(rehypeSanitize, schema)
  .use(untrustedLinks)
  .use(rehypeStringify);

/**
 * Renders user-written Markdown (reviews, replies, chat messages) to HTML that
 * is safe to put in a page: no raw HTML, no scripts, no event handlers, no
 * `javascript:` links, no images.
 */
export function renderMarkdown(source: string): string {
  return String(processor.processSync(source));
}
