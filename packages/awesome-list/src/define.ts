import { defineSource, type FieldMap, type Source } from '@imcat/source-kit';
import { parseAwesomeListConfig, type AwesomeListConfig, type AwesomeListConfigInput } from './config';
import { parseAwesomeList } from './parse';

function fieldMapOf(config: AwesomeListConfig): FieldMap {
  const { defaults, ...roles } = config.field_map;
  const map: FieldMap = {};
  for (const [role, fields] of Object.entries(roles) as [Exclude<keyof FieldMap, 'defaults'>, string[] | undefined][]) {
    if (fields) map[role] = [...fields];
  }
  if (defaults) map.defaults = { ...defaults };
  return map;
}

/**
 * A Source from a config: fetch GETs the raw markdown URL, parse follows the
 * config, and the capture file stands for that URL.
 */
export function defineAwesomeListSource(input: AwesomeListConfigInput | AwesomeListConfig, origin?: string): Source {
  const config = parseAwesomeListConfig(input, origin ?? `awesome-list config ${typeof input.id === 'string' ? input.id : ''}`.trim());
  return defineSource({
    id: config.id,
    title: config.title,
    homepage: config.homepage,
    endpoints: [config.url],
    fieldMap: fieldMapOf(config),
    async fetch(ctx) {
      return [await ctx.http.get(config.url, { headers: { accept: 'text/plain, text/markdown;q=0.9, */*;q=0.1' } })];
    },
    parse: (pages) => parseAwesomeList(config, pages),
    captureFiles: (files) => (files.includes(config.capture_file) ? [{ file: config.capture_file, url: config.url }] : []),
  });
}
