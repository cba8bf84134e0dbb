/**
 * Turning markup into plain text. Every text field a source emits passes
 * through plainText, so HTML, markdown and control characters never reach
 * the catalog.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  times: '×',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  plusmn: '±',
  micro: 'µ',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Remove C0/C1 control characters, zero-width characters and the BOM (keeps tab and newline only if asked). */
export function stripControl(text: string, keepNewlines = false): string {
  // C0/C1 controls, zero-width characters, bidi embeddings and overrides (they can disguise text), BOM and non-characters.
  const pattern = keepNewlines
    ? /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff]/g
    : /[\u0000-\u001f\u007f-\u009f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufffe\uffff]/g;
  return text.replace(pattern, keepNewlines ? '' : ' ');
}

/** Remove markdown escapes such as "\%" or "\#" (README URLs carry them). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!|%&~<>=])/g, '$1');
}

/**
 * Plain text from a cell or heading that may hold markdown, HTML, entities
 * and control characters. Links keep their text; images disappear.
 */
export function plainText(input: string): string {
  let text = input;
  text = text.replace(/<!--[\s\S]*?(-->|$)/g, ' ');
  text = text.replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ');
  // Link targets may hold one level of brackets: (https://example.org/Foo_(bar)).
  text = text.replace(/!\[[^\]]*\]\((?:[^()]|\([^()]*\))*\)/g, ' ');
  text = text.replace(/\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)/g, '$1');
  text = text.replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  text = text.replace(/<br\s*\/?>/gi, ' ');
  text = text.replace(/<\/?[a-z][^>]*>/gi, ' ');
  text = decodeEntities(text);
  // Entities may have produced markup again ("&lt;b&gt;"): strip once more.
  text = text.replace(/<\/?[a-z][^>]*>/gi, ' ');
  text = text.replace(/(\*\*|__)(.*?)\1/g, '$2');
  text = text.replace(/(^|[\s(])[*_]([^*_\s][^*_]*?)[*_](?=[\s).,;:!?]|$)/g, '$1$2');
  text = text.replace(/~~(.*?)~~/g, '$1');
  text = text.replace(/`([^`]*)`/g, '$1');
  text = unescapeMarkdown(text);
  text = stripControl(text);
  return text.replace(/\s+/g, ' ').trim();
}
