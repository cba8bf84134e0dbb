import type { AwesomeListConfig } from './config';
import { sameHeading } from './document';

export type Scope =
  | { kind: 'read' }
  | { kind: 'reject'; reason: string; section: string }
  | { kind: 'skip'; section: string; why: 'excluded' | 'not included' };

/**
 * Decide what to do with an entry from the headings above it. The innermost
 * configured heading wins, so "reject Non-imaging" inside an included
 * chapter still rejects.
 */
export function makeScope(config: AwesomeListConfig): (sections: string[]) => Scope {
  return (sections) => {
    for (let i = sections.length - 1; i >= 0; i--) {
      const heading = sections[i]!;
      const rejected = config.reject_sections.find((r) => sameHeading(r.section, heading));
      if (rejected) return { kind: 'reject', reason: rejected.reason, section: heading };
      if (config.exclude_sections.some((s) => sameHeading(s, heading))) return { kind: 'skip', section: heading, why: 'excluded' };
      if (config.include_sections.some((s) => sameHeading(s, heading))) return { kind: 'read' };
    }
    if (config.include_sections.length === 0) return { kind: 'read' };
    return { kind: 'skip', section: sections[sections.length - 1] ?? 'top of page', why: 'not included' };
  };
}

/** Counts skipped things per section so each becomes one note. */
export class SkipCounter {
  private readonly counts = new Map<string, number>();

  add(scope: Extract<Scope, { kind: 'skip' }>, what: string): void {
    const label = `${what} under "${scope.section}" (${scope.why === 'excluded' ? 'exclude_sections' : 'not in include_sections'})`;
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
  }

  notes(): string[] {
    return [...this.counts].map(([label, n]) => `${n} ${label} not read`);
  }
}
