/** What a client asks for. `ad-video` is the marketing scene, routed onto one of the model scenes. */
export const sceneIds = ['text-to-video', 'image-to-video', 'video-to-video', 'ad-video'] as const;
export type SceneId = (typeof sceneIds)[number];

/** The scenes a catalog model serves directly. */
export const modelSceneIds = [
  'text-to-video',
  'image-to-video',
  'video-to-video',
] as const satisfies readonly SceneId[];
export type ModelSceneId = (typeof modelSceneIds)[number];

const scenes: ReadonlySet<string> = new Set(sceneIds);
const modelScenes: ReadonlySet<string> = new Set(modelSceneIds);

export function isSceneId(value: unknown): value is SceneId {
  return typeof value === 'string' && scenes.has(value);
}

export function isModelSceneId(value: unknown): value is ModelSceneId {
  return typeof value === 'string' && modelScenes.has(value);
}
