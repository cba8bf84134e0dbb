import { describe, expect, it } from 'vitest';
import { parseRobots } from './robots';

describe('parseRobots', () => {
  const text = `# comment
User-agent: *
Disallow: /private/
Allow: /private/ok.html
Crawl-delay: 2

User-agent: imcat
Disallow: /no-imcat$
`;
  it('prefers the group naming our agent', () => {
    const rules = parseRobots(text, 'imcat/0.1 (+https://x)');
    expect(rules.isAllowed('/no-imcat')).toBe(false);
    expect(rules.isAllowed('/no-imcat/deeper')).toBe(true);
    expect(rules.isAllowed('/private/x')).toBe(true);
  });
  it('applies the longest matching rule for other agents', () => {
    const rules = parseRobots(text, 'otherbot');
    expect(rules.isAllowed('/private/x')).toBe(false);
    expect(rules.isAllowed('/private/ok.html')).toBe(true);
    expect(rules.crawlDelaySeconds).toBe(2);
  });
  it('allows everything when nothing matches', () => {
    expect(parseRobots('', 'imcat').isAllowed('/anything')).toBe(true);
  });
});
