import { cell, code, table } from './markdown.mjs';

function mediaRule(rule) {
  if (rule.max === 0) return '–';
  if (rule.min === 0) return `optional, up to ${rule.max} ${rule.noun}`;
  return `${rule.min === rule.max ? rule.min : `${rule.min}–${rule.max}`} ${rule.noun}`;
}

/** The scene rules as the contract defines them; included by the Concepts page. */
export function sceneTableMarkdown(sceneTable) {
  return table(
    ['Scene', 'Prompt', 'Images', 'Video', 'Credits', 'Defaults', 'Served by'],
    Object.values(sceneTable).map((scene) => [
      code(scene.id),
      scene.prompt,
      cell(mediaRule(scene.imageInput)),
      cell(mediaRule(scene.videoInput)),
      String(scene.credits),
      Object.entries(scene.defaultOptions ?? {})
        .map(([name, value]) => code(`${name}: ${value}`))
        .join(' ') || '–',
      scene.servedBy.withImages === scene.servedBy.withoutImages
        ? code(scene.servedBy.withoutImages)
        : `${code(scene.servedBy.withImages)} with images, else ${code(scene.servedBy.withoutImages)}`,
    ]),
  );
}
