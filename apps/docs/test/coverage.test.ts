import { readFileSync } from 'node:fs';
import { cliReference } from '@ads/cli/reference';
import { generateOpenApiDocument } from '@ads/contract/openapi';
import { environmentVariables } from '@ads/server/reference';
import type { RunningGateway } from '@ads/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from './support/gateway.js';
import { readSite, siteFiles } from './support/site-check.js';

/** Visible text of a page: tags dropped, entities that matter decoded. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ');
}

/** The names a page does not show. */
function missing(names: string[], text: string): string[] {
  return names.filter((name) => !text.includes(name));
}

const apiPages = siteFiles('.html').filter((file) => file.startsWith('reference/api/'));
const apiText = apiPages.map((file) => textOf(readSite(file))).join('\n');

describe('the built site covers everything the code has', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway?.stop());

  it('every route of the contract has its page, with its request schema', () => {
    const paths = generateOpenApiDocument().paths as Record<string, Record<string, { operationId: string }>>;
    const routes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const headings = apiPages.map((file) =>
      textOf(readSite(file).match(/<h1[^>]*>([\s\S]*?)<\/h1>/)?.[1] ?? '').trim(),
    );
    expect(routes.filter((route) => !headings.includes(route))).toEqual([]);
    const create = textOf(readSite('reference/api/videos-create-generation.html'));
    for (const field of ['image_input', 'video_input', 'options.duration', 'workspace_id'])
      expect(create).toContain(field);
  });

  it('every CLI command has its section, with every flag and the exit codes', () => {
    const reference = cliReference();
    const cli = textOf(readSite('reference/cli.html'));
    expect(
      missing(
        reference.commands.map((command) => command.name),
        cli,
      ),
    ).toEqual([]);
    const flags = reference.commands.flatMap((command) => command.flags.map((flag) => flag.flags));
    expect(missing([...new Set(flags)], cli)).toEqual([]);
    for (const { meaning } of reference.exitCodes) expect(cli).toContain(meaning);
  });

  it('every model the running gateway lists is in the catalog page', async () => {
    const response = await fetch(`${gateway.url}/v1/models`, {
      headers: { authorization: `Bearer ${gateway.apiKey}` },
    });
    const models = ((await response.json()) as { data: { id: string }[] }).data.map((model) => model.id);
    expect(models.length).toBeGreaterThan(100);
    expect(missing(models, textOf(readSite('reference/models.html')))).toEqual([]);
  });

  it('every environment variable is on the Self-hosting page', () => {
    const page = textOf(readSite('guide/self-hosting.html'));
    expect(
      missing(
        environmentVariables.map((variable) => variable.name),
        page,
      ),
    ).toEqual([]);
  });

  it('the Benchmarks page shows every figure of the last full bench run, beside its goal', () => {
    const results = JSON.parse(
      readFileSync(new URL('../../../packages/bench/results/latest.json', import.meta.url), 'utf8'),
    ) as { quick: boolean; goals: { key: string; value: number | null }[] };
    expect(results.quick).toBe(false);
    const page = textOf(readSite('guide/benchmarks.html'));
    expect(results.goals.length).toBeGreaterThanOrEqual(13);
    expect(
      missing(
        results.goals.map((goal) => goal.key),
        page,
      ),
    ).toEqual([]);
    for (const goal of results.goals) expect(page).toContain(`${goal.value} `);
  });

  it('every error code is in the API reference, and the check notices an absent name', () => {
    expect(apiText).toContain('insufficient_credits');
    expect(missing(['kie/no-such-model'], textOf(readSite('reference/models.html')))).toEqual([
      'kie/no-such-model',
    ]);
  });
});
