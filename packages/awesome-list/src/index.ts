export { AwesomeListConfigSchema, parseAwesomeListConfig, producedRawFields } from './config';
export type { AwesomeListConfig, AwesomeListConfigInput } from './config';
export { defineAwesomeListSource } from './define';
export { loadAwesomeListConfig, readAwesomeListConfig } from './load-config';
export { parseAwesomeList } from './parse';
export { assignKeys, slugify } from './keys';
export type { KeyCandidate, KeyAssignment } from './keys';
