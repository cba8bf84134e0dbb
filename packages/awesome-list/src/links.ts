import { decodeEntities } from '@imcat/markdown';

export interface FoundLink {
  text: string;
  url: string;
  /** Offsets of the whole link in the searched text. */
  start: number;
  end: number;
}

function matchingClose(text: string, open: number, openCh: string, closeCh: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === openCh) depth++;
    else if (ch === closeCh && --depth === 0) return i;
  }
  return -1;
}

/**
 * The URL inside a markdown link target: drops <angle brackets> and a
 * "title", and repairs a target that is itself a markdown link
 * ("[a](b)" pasted as the target), taking the inner URL.
 */
export function cleanTarget(target: string): string {
  let url = target.trim();
  const nested = /^\[[^\]]*\]\((\S+?)\)?$/.exec(url);
  if (nested) url = nested[1]!;
  url = url.replace(/\s+("[^"]*"|'[^']*')$/, '').trim();
  if (url.startsWith('<') && url.endsWith('>')) url = url.slice(1, -1);
  return url;
}

function markdownLinkAt(text: string, open: number): FoundLink | undefined {
  const closeText = matchingClose(text, open, '[', ']');
  if (closeText === -1 || text[closeText + 1] !== '(') return undefined;
  const closeTarget = matchingClose(text, closeText + 1, '(', ')');
  if (closeTarget === -1) return undefined;
  return {
    text: text.slice(open + 1, closeText),
    url: cleanTarget(text.slice(closeText + 2, closeTarget)),
    start: open,
    end: closeTarget + 1,
  };
}

/** All markdown links and HTML anchors in a fragment, in order; images are not links. */
export function findLinks(text: string): FoundLink[] {
  const links: FoundLink[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[' && text[i - 1] !== '!') {
      const link = markdownLinkAt(text, i);
      if (link) {
        links.push(link);
        i = link.end - 1;
      }
    }
  }
  const anchor = /<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi;
  for (let m = anchor.exec(text); m; m = anchor.exec(text)) {
    const start = m.index;
    if (links.some((l) => start >= l.start && start < l.end)) continue;
    links.push({ text: m[3]!, url: decodeEntities(m[2]!).trim(), start, end: start + m[0].length });
  }
  return links.sort((a, b) => a.start - b.start);
}

/** The first bare http(s) URL in a fragment, for table cells that hold a URL as text. */
export function bareUrl(text: string): string | undefined {
  return /https?:\/\/[^\s<>()"'|]+/.exec(text)?.[0];
}
