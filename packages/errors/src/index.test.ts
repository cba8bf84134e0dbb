import { describe, expect, it } from 'vitest';
import { HttpError, ImcatError, describeError } from './index';

describe('describeError', () => {
  it('follows the cause chain', () => {
    const error = new ImcatError('release v2.0.0 could not be written', { cause: new HttpError('GET https://example.org failed: 503', { url: 'https://example.org' }) });
    expect(describeError(error)).toBe('release v2.0.0 could not be written <- caused by: GET https://example.org failed: 503');
  });

  it('does not repeat a cause the message before it already quotes', () => {
    const duck = new Error('Out of Memory Error: failed to allocate data of size 32.0 MiB\n\nPossible solutions:\n* SET threads=1');
    const wrapped = new ImcatError('statement 1 of 01-listings.sql failed: Out of Memory Error: failed to allocate data of size 32.0 MiB', { cause: duck });
    expect(describeError(wrapped)).toBe('statement 1 of 01-listings.sql failed: Out of Memory Error: failed to allocate data of size 32.0 MiB');
    // A deeper cause that says something new is still shown.
    const outer = new ImcatError('normalise failed', { cause: wrapped });
    expect(describeError(outer)).toBe(`normalise failed <- caused by: ${wrapped.message}`);
  });

  it('renders causes that are not errors', () => {
    expect(describeError(new ImcatError('worker stopped', { cause: 'exit code 3' }))).toBe('worker stopped <- caused by: exit code 3');
    expect(describeError('plain')).toBe('plain');
  });
});
