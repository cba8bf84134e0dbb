import { readFileSync } from 'node:fs';
import { ConfigError } from '@imcat/errors';
import type { Source } from '@imcat/source-kit';
import { parseAwesomeListConfig, type AwesomeListConfig } from './config';
import { defineAwesomeListSource } from './define';

/** Read and validate a config file; errors name the file and the failing fields. */
export function readAwesomeListConfig(path: string): AwesomeListConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read awesome-list config ${path}: ${(cause as Error).message}`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parseAwesomeListConfig(value, path);
}

/** The Source a sources/<id>/source.json file describes. */
export function loadAwesomeListConfig(path: string): Source {
  return defineAwesomeListSource(readAwesomeListConfig(path), path);
}
