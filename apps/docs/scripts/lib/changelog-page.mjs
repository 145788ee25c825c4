import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readChangesets from '@changesets/read';
import { generatedFrom, page } from './markdown.mjs';

const bumpOrder = { major: 0, minor: 1, patch: 2, none: 3 };

/** Released entries: each package's CHANGELOG.md as `changeset version` writes it. */
function releasedSections(root, packageDirs) {
  return packageDirs.flatMap((dir) => {
    const file = path.join(root, dir, 'CHANGELOG.md');
    if (!existsSync(file)) return [];
    const text = readFileSync(file, 'utf8').replace(/^# .*\n/, '');
    return [
      `### ${JSON.parse(readFileSync(path.join(root, dir, 'package.json'), 'utf8')).name}\n\n${text.replace(/^## /gm, '#### ')}`,
    ];
  });
}

/**
 * The changelog: pending changesets (what the next release brings), grouped by package, then the
 * released CHANGELOG.md files. A changeset that does not parse fails the build.
 */
export async function changelogPage(root, packageDirs) {
  const changesets = await readChangesets(root);
  const byPackage = new Map();
  for (const changeset of changesets) {
    for (const release of changeset.releases) {
      const list = byPackage.get(release.name) ?? [];
      list.push({ type: release.type, summary: changeset.summary.trim(), id: changeset.id });
      byPackage.set(release.name, list);
    }
  }
  const unreleased = [...byPackage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, entries]) => {
      const items = entries
        .sort((a, b) => bumpOrder[a.type] - bumpOrder[b.type] || a.id.localeCompare(b.id))
        .map((entry) => `- **${entry.type}** ${entry.summary.replace(/\n+/g, ' ')}`);
      return `### ${name}\n\n${items.join('\n')}`;
    });
  const released = releasedSections(root, packageDirs);
  const body = [
    '# Changelog',
    'Every user-visible change comes with a changeset (`pnpm changeset`). Until a release is cut, they are listed here as “Unreleased”; `pnpm version-packages` turns them into each package’s CHANGELOG.md.',
    '## Unreleased',
    unreleased.length ? unreleased.join('\n\n') : 'Nothing yet.',
    '## Released',
    released.length ? released.join('\n\n') : 'No release has been cut yet.',
    generatedFrom(`the changesets in \`.changeset/\` (${changesets.length} pending)`),
  ];
  return page({ title: 'Changelog', description: 'What changed, by package', body: body.join('\n\n') });
}
