/**
 * A lower-case kebab slug of a display name ("KiTS19/21" → "kits19-21"):
 * accents dropped, every other run of characters a single hyphen. With
 * `unicode`, letters and digits of any script are kept (CJK names); otherwise
 * only a-z and 0-9.
 */
export function slugify(text: string, options: { unicode?: boolean; maxLength?: number } = {}): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(options.unicode ? /[^\p{L}\p{N}]+/gu : /[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return options.maxLength === undefined ? slug : slug.slice(0, options.maxLength).replace(/-+$/, '');
}
