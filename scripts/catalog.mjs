// Regenerates both providers' catalogs and prints what changed against the committed ones (models
// added or removed, fields added, removed or changed), so that a version bump is reviewed, not guessed.
//   pnpm catalog            regenerate, report, write the new catalogs
//   pnpm catalog --check    report only; exit 1 when the committed catalogs differ (CI runs this)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(new URL('..', import.meta.url).pathname);
const check = process.argv.includes('--check');
/** The upstream schema snapshots beside the repository (kie's docs, the newer fal-js types). */
const upstream = resolve(root, '../shared/upstream');
const run = promisify(execFile);

/** Each provider's generator and the files it writes (under src/). */
const providers = [
  { id: 'kie', files: ['kie-models.generated.ts', '__fixtures__/kie-doc-examples.json'] },
  { id: 'fal', files: ['fal-models.generated.ts'] },
];

/** The facts array of a generated file (the JSON after `= `). */
function factsOf(text) {
  const start = text.indexOf('= [');
  return JSON.parse(text.slice(start + 2).replace(/;\s*$/, ''));
}

const describeField = (field) =>
  JSON.stringify({ ...field, description: undefined }, (key, value) =>
    key === 'description' ? undefined : value,
  );

/** What changed between two facts lists. */
function drift(before, after) {
  const old = new Map(before.map((model) => [model.model, model]));
  const now = new Map(after.map((model) => [model.model, model]));
  const added = after.filter((model) => !old.has(model.model)).map((model) => model.model);
  const removed = before.filter((model) => !now.has(model.model)).map((model) => model.model);
  const changed = [];
  for (const model of after) {
    const previous = old.get(model.model);
    if (!previous) continue;
    const fields = new Map(previous.fields.map((field) => [field.name, field]));
    const next = new Map(model.fields.map((field) => [field.name, field]));
    const lines = [
      ...model.fields.filter((field) => !fields.has(field.name)).map((field) => `+ ${field.name}`),
      ...previous.fields.filter((field) => !next.has(field.name)).map((field) => `- ${field.name}`),
      ...model.fields
        .filter(
          (field) => fields.has(field.name) && describeField(fields.get(field.name)) !== describeField(field),
        )
        .map(
          (field) => `~ ${field.name}: ${describeField(fields.get(field.name))} → ${describeField(field)}`,
        ),
    ];
    if (JSON.stringify(previous.deprecated) !== JSON.stringify(model.deprecated))
      lines.push(
        `~ deprecated: ${JSON.stringify(previous.deprecated ?? null)} → ${JSON.stringify(model.deprecated ?? null)}`,
      );
    if (lines.length > 0) changed.push({ model: model.model, lines });
  }
  return { added, removed, changed };
}

if (!existsSync(upstream)) {
  console.log(`catalog: no upstream snapshots at ${upstream}; nothing to compare against (skipped).`);
  process.exit(check ? 0 : 1);
}

let drifted = false;
for (const provider of providers) {
  const packageRoot = join(root, 'packages/providers', provider.id);
  const output = await mkdtemp(join(tmpdir(), `ads-catalog-${provider.id}-`));
  try {
    const { stderr, stdout } = await run(
      process.execPath,
      [join(packageRoot, 'scripts/generate-catalog.mjs'), upstream, output],
      {
        cwd: packageRoot,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    process.stderr.write(`${stdout}${stderr}`);
    const [catalogFile] = provider.files;
    const committed = await readFile(join(packageRoot, 'src', catalogFile), 'utf8');
    const regenerated = await readFile(join(output, catalogFile), 'utf8');
    const report = drift(factsOf(committed), factsOf(regenerated));
    const sameBytes = (
      await Promise.all(
        provider.files.map(
          async (file) =>
            (await readFile(join(packageRoot, 'src', file), 'utf8')) ===
            (await readFile(join(output, file), 'utf8')),
        ),
      )
    ).every(Boolean);
    const count = report.added.length + report.removed.length + report.changed.length;
    console.log(
      `${provider.id}: ${factsOf(regenerated).length} models; ${count === 0 ? 'no drift' : `${report.added.length} added, ${report.removed.length} removed, ${report.changed.length} changed`}`,
    );
    for (const model of report.added) console.log(`  + ${model}`);
    for (const model of report.removed) console.log(`  - ${model}`);
    for (const { model, lines } of report.changed) {
      console.log(`  ~ ${model}`);
      for (const line of lines) console.log(`      ${line}`);
    }
    if (!sameBytes) {
      drifted = true;
      if (count === 0) console.log('  (the files differ in text only: descriptions, order or formatting)');
      if (!check) {
        for (const file of provider.files) {
          await mkdir(join(packageRoot, 'src', file, '..'), { recursive: true });
          await copyFile(join(output, file), join(packageRoot, 'src', file));
        }
        console.log(`  written to packages/providers/${provider.id}/src/`);
      }
    }
  } finally {
    await rm(output, { recursive: true, force: true });
  }
}
if (check && drifted) {
  console.error(
    'catalog: the committed catalogs are not what the generators make; run `pnpm catalog` and review the drift.',
  );
  process.exit(1);
}
