import { describe, expect, it } from 'vitest';
import { liveFetchSuite } from '@imcat/source-testing';
import { source } from './index';

// Serves cleaned_total.json at raw.githubusercontent.com's path on loopback and compares with the offline parse.
liveFetchSuite(source);

describe('imaging-x-browser endpoints', () => {
  it('fetches the raw JSON the capture stands for', () => {
    const [capture] = source.captureFiles(['cleaned_total.json', 'SOURCE.json']);
    expect(capture).toEqual({ file: 'cleaned_total.json', url: expect.stringMatching(/^https:\/\/raw\.githubusercontent\.com\/tchenglv520\/medical-dataset-browser\/.+\/cleaned_total\.json$/) });
    expect(source.endpoints).toContain(capture!.url);
  });
});
