import { extractLinks } from '@imcat/markdown';
import { README_PATH, RAW_BASE, RESOURCES_DIR, RESOURCE_LINK } from './config';

export interface ResourceLink {
  /** Repository path, decoded: "resources/SMILE-UHURA 2023.md". */
  path: string;
  /** The link target as written in the README. */
  href: string;
  /** The link said "resource/" (singular) and was read as "resources/". */
  correctedDirectory: boolean;
}

function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** The resource page a Dataset cell links to, if any. */
export function resourceLinkOf(cell: string): ResourceLink | undefined {
  for (const { url } of extractLinks(cell)) {
    const match = RESOURCE_LINK.exec(url.trim());
    const file = match?.[2] !== undefined ? decodePath(match[2]) : undefined;
    if (!match || file === undefined) continue;
    return { path: `${RESOURCES_DIR}${file}`, href: url, correctedDirectory: match[1] !== 'resources' };
  }
  return undefined;
}

/** The raw.githubusercontent.com URL of a repository path; each segment is URL-encoded (spaces → %20). */
export function rawUrlOf(path: string): string {
  return RAW_BASE + path.split('/').map(encodeURIComponent).join('/');
}

/** The repository path a page URL stands for, or undefined for a URL outside the repository. */
export function repoPathOf(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const base = new URL(RAW_BASE).pathname;
  if (!pathname.startsWith(base)) return undefined;
  return decodePath(pathname.slice(base.length));
}

export const README_URL = rawUrlOf(README_PATH);
