import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitepress';

// The HTTP API group of the sidebar is written by scripts/generate.mjs, one entry per route.
const apiSidebar = JSON.parse(readFileSync(new URL('../reference/sidebar.json', import.meta.url), 'utf8'));

const guide = {
  text: 'Guide',
  items: [
    { text: 'Quickstart', link: '/guide/quickstart' },
    { text: 'Console', link: '/guide/console' },
    { text: 'Concepts', link: '/guide/concepts' },
    { text: 'Webhooks and events', link: '/guide/webhooks' },
    { text: 'Pricing', link: '/guide/pricing' },
    { text: 'Uploads', link: '/guide/uploads' },
    { text: 'OpenAI compatibility', link: '/guide/openai-compatibility' },
    { text: 'AI SDK', link: '/guide/ai-sdk' },
    { text: 'SDK guide', link: '/guide/sdk' },
    { text: 'Self-hosting', link: '/guide/self-hosting' },
    { text: 'Deploy', link: '/guide/deploy' },
    { text: 'Providers', link: '/guide/providers' },
    { text: 'Benchmarks and reliability', link: '/guide/benchmarks' },
  ],
};

const reference = {
  text: 'Reference',
  items: [
    apiSidebar,
    { text: 'CLI', link: '/reference/cli' },
    { text: 'Model catalog', link: '/reference/models' },
    { text: 'Changelog', link: '/reference/changelog' },
  ],
};

export default defineConfig({
  title: 'ads',
  description:
    'A self-hostable gateway for AI video generation: kie.ai, fal.ai and more behind one API, CLI and SDK.',
  lang: 'en-US',
  outDir: '../dist',
  cacheDir: '../.vitepress-cache',
  // Included by guides; not pages of their own.
  srcExclude: ['reference/parts/**'],
  // Paths such as /v1/tasks/{id} are text, not markdown-it-attrs attributes.
  markdown: { attrs: { disable: true } },
  // Everything the site loads is served from its own host: no web fonts, scripts or styles from elsewhere.
  head: [['meta', { name: 'referrer', content: 'no-referrer' }]],
  themeConfig: {
    nav: [
      { text: 'Quickstart', link: '/guide/quickstart' },
      { text: 'Guide', link: '/guide/concepts' },
      { text: 'API reference', link: '/reference/api/' },
      { text: 'CLI', link: '/reference/cli' },
      { text: 'Models', link: '/reference/models' },
      { text: 'Changelog', link: '/reference/changelog' },
    ],
    sidebar: [guide, reference],
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    footer: { message: 'ads is open source under the MIT license.' },
  },
});
