const SINGLE_URL = /^https?:\/\/\S+$/;
const EMBEDDED_URL = /https?:\/\/[^\s,，、;；<>"']+/;

/**
 * The URL a `link` cell stands for. Most cells are one URL; some hold two URLs
 * on separate lines, a page title with a URL after it, or only a title
 * ("come from diping"). The first URL wins; a cell without one gives none.
 */
export function linkUrl(link: string): { url: string | undefined; clean: boolean } {
  const text = link.trim();
  if (SINGLE_URL.test(text)) return { url: text, clean: true };
  const found = EMBEDDED_URL.exec(text)?.[0]?.replace(/[.,;:]+$/, '');
  return { url: found, clean: false };
}
