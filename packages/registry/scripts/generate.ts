import { writeFileSync } from 'node:fs';
import { renderRegistry } from '../src/discover';

const { moduleText, packageJson, packagePath, modulePath } = renderRegistry();
writeFileSync(modulePath, moduleText);
writeFileSync(packagePath, packageJson);
console.log(`wrote ${modulePath} and ${packagePath}`);
