import { cell, code, generatedFrom, page, table } from './markdown.mjs';

function optionsOf(model) {
  const properties = model.options?.properties ?? {};
  return Object.entries(properties)
    .map(([name, schema]) => {
      const values = schema.enum ? `: ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}` : '';
      return `${code(name)}${cell(values)}`;
    })
    .join('<br>');
}

/** The catalog table, as `GET /v1/models` lists it; included by the Providers page too. */
export function catalogTable(catalog) {
  return table(
    ['Model id', 'Scenes', 'Default for', 'Credits', 'Options'],
    catalog.models.map((model) => [
      code(model.id),
      model.scenes.join(', '),
      model.default_for.join(', ') || '–',
      Object.entries(model.credits)
        .map(([scene, credits]) => `${scene}: ${credits}`)
        .join('<br>'),
      optionsOf(model) || '–',
    ]),
  );
}

/** The model catalog page, from the server's catalog view (`@ads/server/reference`). */
export function catalogPage(catalog) {
  const body = [
    '# Model catalog',
    `Every model the gateway knows: ${catalog.models.length} models from ${catalog.providers.length} providers. A model is usable once its provider is configured; \`GET /v1/models\` (or \`ads models list\`) shows what your gateway can run right now.`,
    table(
      ['Provider', 'Enable with', 'Models'],
      catalog.providers.map((provider) => [
        code(provider.id),
        /^[A-Z_]+$/.test(provider.configureWith) ? code(provider.configureWith) : provider.configureWith,
        String(provider.models),
      ]),
    ),
    '## Defaults',
    'Without `model`, the scene’s default model is used. “Default for” below is the default when every provider has its key (the first configured provider in `kie`, `fal`, `sandbox` order wins). On a fresh install with no keys, the sandbox serves every scene:',
    table(
      ['Scene', 'Default without keys'],
      Object.entries(catalog.defaultsWithoutKeys).map(([scene, id]) => [scene, code(id)]),
    ),
    '## Models',
    'Options are the model’s own fields, passed in `options`; the standard names (`duration`, `aspect_ratio`, `resolution`, `seed`, `negative_prompt`, `audio`) are mapped onto them. Credits are per task, by scene.',
    catalogTable(catalog),
    generatedFrom(
      'the providers’ catalog data, through the same view as `GET /v1/models` (`@ads/server/reference`)',
    ),
  ];
  return page({
    title: 'Model catalog',
    description: 'Every model, its scenes, options and price',
    body: body.join('\n\n'),
  });
}
