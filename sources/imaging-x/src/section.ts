/**
 * Section names as a plain label: README headings start with an emoji
 * ("👁️‍🗨️ OCT") and datasets.json kept a zero-width joiner from one ("\u200d OCT").
 */
export function normalizeSection(text: string): string {
  return text
    .replace(/\u200b|\u200c|\u200d|\u2060|\ufe0e|\ufe0f|\ufeff/g, '')
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}
