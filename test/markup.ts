// Test helper: a strict tag-balance check for the SVG and HTML we write (every opened element closed in
// order, attributes quoted), so a truncated or mis-nested document fails. Not a full XML parser.

const VOID_HTML = new Set(['meta', 'link', 'br', 'img', 'input', 'hr', 'col', 'source', 'wbr', 'area', 'base', 'embed', 'track']);

/** Returns the root element name; throws naming the first mismatch. */
export function checkBalanced(doc: string, html = false): string {
  const body = doc.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<!doctype[^>]*>/i, '').replace(/<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  let root = '';
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    if (body.slice(last, m.index).includes('<')) throw new Error(`malformed tag near offset ${last}: ${body.slice(last, last + 80)}`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    const lower = name.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}> at offset ${m.index}`);
    } else if (!selfClosing && !(html && VOID_HTML.has(lower))) {
      if (!root) root = name;
      stack.push(name);
    } else if (!root) root = name;
  }
  if (body.slice(last).includes('<')) throw new Error(`malformed tag near offset ${last}`);
  if (stack.length) throw new Error(`unclosed elements: ${stack.join(' > ')}`);
  return root;
}

/** The text content of every <text> element of an SVG (ECharts writes axis names and labels as <text>). */
export function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
}

/** Width and height attributes of the root <svg>. */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /^<svg\b([^>]*)>/.exec(svg.trimStart());
  if (!m) throw new Error('document does not start with <svg ...>');
  const num = (a: string) => Number(new RegExp(`\\b${a}="([\\d.]+)"`).exec(m[1])?.[1]);
  return { width: num('width'), height: num('height') };
}

/** Every reference to another document or the network: src/href attributes, CSS url() and @import. */
export function externalRefs(doc: string): string[] {
  const refs = [
    ...[...doc.matchAll(/\b(?:src|href|xlink:href|action|poster|data)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]),
    ...[...doc.matchAll(/url\(\s*['"]?([^)'"]*)/gi)].map((m) => m[1]),
    ...[...doc.matchAll(/@import\s+[^;]+/gi)].map((m) => m[0]),
  ];
  return refs.filter((r) => !r.startsWith('#') && !r.startsWith('data:'));
}
