import { describe, expect, it } from 'vitest';
import { isModelSceneId, isSceneId, modelSceneIds, sceneIds } from '../src/index.js';

describe('the scene ids', () => {
  it('tell a scene from anything else, and a model scene from ad-video', () => {
    expect(sceneIds.every(isSceneId)).toBe(true);
    expect(isSceneId('sideways')).toBe(false);
    expect(isSceneId(undefined)).toBe(false);
    expect(modelSceneIds.every(isModelSceneId)).toBe(true);
    expect(isModelSceneId('ad-video')).toBe(false);
  });
});
