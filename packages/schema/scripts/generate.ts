import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { toJsonSchemaDocument } from '../src/index';

const target = fileURLToPath(new URL('../schema.json', import.meta.url));
writeFileSync(target, JSON.stringify(toJsonSchemaDocument(), null, 2) + '\n');
console.log(`wrote ${target}`);
