import { describe, expect, it } from 'vitest';
import { brokenLinks, foreignLoads, readSite, siteFiles } from './support/site-check.js';

const pages = siteFiles('.html');

describe('the built site', () => {
  it('has the guides and the generated references', () => {
    for (const page of [
      'index.html',
      'guide/quickstart.html',
      'guide/concepts.html',
      'guide/sdk.html',
      'guide/self-hosting.html',
      'guide/providers.html',
      'reference/api/index.html',
      'reference/cli.html',
      'reference/models.html',
      'reference/changelog.html',
    ])
      expect(pages).toContain(page);
  });

  it('has no internal link that leads nowhere (pages and #anchors)', () => {
    const broken = pages.flatMap((page) =>
      brokenLinks(page, readSite(page)).map((link) => `${page}: ${link}`),
    );
    expect(broken).toEqual([]);
    expect(pages.length).toBeGreaterThan(25);
  });

  // Scripts are checked where they act: the browser test opens every page and records each request.
  it('loads no script, style or font from another host (pages and stylesheets)', () => {
    const files = [...pages, ...siteFiles('.css')];
    const loads = files.flatMap((file) => foreignLoads(readSite(file)).map((url) => `${file}: ${url}`));
    expect(loads).toEqual([]);
  });

  it('has a search index (local search, no service)', () => {
    expect(siteFiles('.js').some((file) => file.includes('@localSearchIndex'))).toBe(true);
  });
});

describe('the checks themselves', () => {
  it('notice a dead link, a missing anchor and a foreign load', () => {
    expect(brokenLinks('guide/quickstart.html', '<a href="/guide/nowhere.html">x</a>')).toHaveLength(1);
    expect(
      brokenLinks('guide/quickstart.html', '<a href="./concepts.html#no-such-heading">x</a>'),
    ).toHaveLength(1);
    expect(brokenLinks('guide/quickstart.html', '<a href="./concepts.html#credits">x</a>')).toEqual([]);
    expect(brokenLinks('guide/quickstart.html', '<a href="https://kie.ai/">x</a>')).toEqual([]);
    expect(foreignLoads('<link rel="stylesheet" href="https://fonts.googleapis.com/css">')).toHaveLength(1);
    expect(foreignLoads('<script src="//cdn.example.com/x.js"></script>')).toHaveLength(1);
    expect(foreignLoads('@font-face{src:url(https://fonts.gstatic.com/a.woff2)}')).toHaveLength(1);
    expect(foreignLoads('<a href="https://kie.ai/">kie</a><link rel="icon" href="/logo.svg">')).toEqual([]);
  });
});
