import { plainText } from '@imcat/markdown';

/** One markdown line with the headings it sits under. */
export interface DocLine {
  /** 1-based line number in the page. */
  line: number;
  text: string;
  /** Set when the line is an ATX heading. */
  heading?: { level: number; text: string };
  /** Plain texts of the enclosing headings, outermost first (for a heading line: those above it). */
  sections: { level: number; text: string }[];
}

/**
 * Lines of a markdown page ready for scanning: CRLF folded, HTML comments and
 * fenced code blanked (keeping line numbers), headings tracked. Commented-out
 * or code-quoted entries are not entries.
 */
export function readDocument(markdown: string): DocLine[] {
  const withoutComments = markdown
    .replace(/\r\n?/g, '\n')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => comment.replace(/[^\n]/g, ''));
  const out: DocLine[] = [];
  const stack: { level: number; text: string }[] = [];
  let fence: string | undefined;
  withoutComments.split('\n').forEach((text, index) => {
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
      out.push({ line: index + 1, text: '', sections: [...stack] });
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      out.push({ line: index + 1, text: '', sections: [...stack] });
      return;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      while (stack.length && stack[stack.length - 1]!.level >= level) stack.pop();
      out.push({ line: index + 1, text, heading: { level, text: heading[2]! }, sections: [...stack] });
      stack.push({ level, text: plainText(heading[2]!) });
      return;
    }
    out.push({ line: index + 1, text, sections: [...stack] });
  });
  return out;
}

/** How headings are compared with the section names in a config. */
export function sameHeading(a: string, b: string): boolean {
  return plainText(a).toLowerCase() === plainText(b).toLowerCase();
}
