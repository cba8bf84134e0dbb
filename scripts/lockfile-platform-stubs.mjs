#!/usr/bin/env node
// The npm registry these machines reach serves the Linux x64 builds of DuckDB's and turbo's native
// packages but not the other platforms', so `npm install` leaves those optional packages out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. This adds each missing
// platform package back as an optional entry with its os/cpu/libc, so npm ci skips it by platform,
// exactly as a lock written against the full registry would. Run after `npm install`:
//   node scripts/lockfile-platform-stubs.mjs        (rewrites package-lock.json)
//   node scripts/lockfile-platform-stubs.mjs --check (exit 1 if entries are missing)
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

function platformOf(name) {
  const os = /darwin/.test(name) ? 'darwin' : /win32|windows/.test(name) ? 'win32' : /linux/.test(name) ? 'linux' : undefined;
  const cpu = /arm64/.test(name) ? 'arm64' : /x64|-64$/.test(name) ? 'x64' : undefined;
  const libc = /musl/.test(name) ? 'musl' : os === 'linux' ? 'glibc' : undefined;
  return { os, cpu, libc };
}

const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${path}/node_modules/${name}`]) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os || !cpu) continue;
    missing.push(name);
    packages[key] = { version, cpu: [cpu], os: [os], ...(libc ? { libc: [libc] } : {}), dev: entry.dev, optional: true };
    if (!entry.dev) delete packages[key].dev;
  }
}

if (process.argv.includes('--check')) {
  if (missing.length) {
    console.error(`package-lock.json lacks ${missing.length} platform packages (${missing.join(', ')}); run: node scripts/lockfile-platform-stubs.mjs`);
    process.exit(1);
  }
  console.log('package-lock.json lists every platform package');
} else {
  lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
  writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
  console.log(missing.length ? `added ${missing.length} platform packages: ${missing.join(', ')}` : 'nothing to add');
}
