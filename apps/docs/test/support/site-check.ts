import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileFor, siteRoot } from './static-site.js';

/** Every file of the built site with the given extension, as paths relative to its root. */
export function siteFiles(extension: string, folder = siteRoot): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return siteFiles(extension, full);
    return entry.name.endsWith(extension) ? [path.relative(siteRoot, full)] : [];
  });
}

export function readSite(file: string): string {
  return readFileSync(path.join(siteRoot, file), 'utf8');
}

const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`, 'g');

export function attributeValues(html: string, name: string): string[] {
  return [...html.matchAll(attribute(name))].map((match) => (match[1] ?? '').replace(/&amp;/g, '&'));
}

const idsByFile = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsByFile.get(file);
  if (!ids) {
    ids = new Set(attributeValues(readFileSync(file, 'utf8'), 'id').map((id) => decodeURIComponent(id)));
    idsByFile.set(file, ids);
  }
  return ids;
}

/** Internal links of one page that lead nowhere: a missing file, or a `#anchor` the target lacks. */
export function brokenLinks(page: string, html: string): string[] {
  const broken: string[] = [];
  const pageUrl = new URL(`/${page.split(path.sep).join('/')}`, 'http://site');
  for (const href of [...attributeValues(html, 'href'), ...attributeValues(html, 'src')]) {
    if (/^(mailto:|javascript:|data:)/.test(href)) continue;
    const target = new URL(href, pageUrl);
    if (target.host !== 'site') continue;
    const file = fileFor(target.pathname);
    if (!file) {
      broken.push(`${href} (no such page)`);
      continue;
    }
    const anchor = decodeURIComponent(target.hash.slice(1));
    if (anchor && file.endsWith('.html') && !idsOf(file).has(anchor)) broken.push(`${href} (no #${anchor})`);
  }
  return broken;
}

/**
 * What a page or stylesheet would load from another host: scripts, styles, fonts, images, frames,
 * preloads, CSS `url()` and `@import`. Links people click (`<a href>`) are not loads.
 */
export function foreignLoads(text: string): string[] {
  const foreign = /^(https?:)?\/\//i;
  const tags = [...text.matchAll(/<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*>/gi)];
  const fromTags = tags.flatMap((tag) =>
    [
      ...attributeValues(tag[0], 'src'),
      ...attributeValues(tag[0], 'href'),
      ...attributeValues(tag[0], 'srcset'),
    ].filter((value) => foreign.test(value.trim())),
  );
  const fromCss = [...text.matchAll(/url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)/gi)]
    .map((match) => match[1] ?? match[2] ?? '')
    .filter((value) => foreign.test(value));
  return [...fromTags, ...fromCss];
}
