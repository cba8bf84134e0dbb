/**
 * A small robots.txt reader (RFC 9309): groups by user-agent, longest-match
 * Allow/Disallow with `*` and `$` wildcards.
 */

interface Rule {
  allow: boolean;
  pattern: string;
}

export interface RobotsRules {
  isAllowed(path: string): boolean;
  crawlDelaySeconds: number | undefined;
}

function toRegExp(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

export function parseRobots(text: string, userAgent: string): RobotsRules {
  const agent = userAgent.toLowerCase();
  const groups: { agents: string[]; rules: Rule[]; delay?: number }[] = [];
  let current: { agents: string[]; rules: Rule[]; delay?: number } | undefined;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const m = /^([a-z-]+)\s*:\s*(.*)$/i.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (key === 'allow' || key === 'disallow') {
      if (value === '') continue;
      current.rules.push({ allow: key === 'allow', pattern: value });
    } else if (key === 'crawl-delay') {
      const n = Number(value);
      if (Number.isFinite(n) && n >= 0) current.delay = n;
    }
  }
  const specific = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.includes(a)));
  const chosen = specific.length ? specific : groups.filter((g) => g.agents.includes('*'));
  const rules = chosen.flatMap((g) => g.rules).map((r) => ({ ...r, re: toRegExp(r.pattern) }));
  const delay = chosen.find((g) => g.delay !== undefined)?.delay;
  return {
    crawlDelaySeconds: delay,
    isAllowed(path: string): boolean {
      let best: { allow: boolean; length: number } | undefined;
      for (const r of rules) {
        if (!r.re.test(path)) continue;
        const length = r.pattern.length;
        if (!best || length > best.length || (length === best.length && r.allow)) best = { allow: r.allow, length };
      }
      return best ? best.allow : true;
    },
  };
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelaySeconds: undefined };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false, crawlDelaySeconds: undefined };
