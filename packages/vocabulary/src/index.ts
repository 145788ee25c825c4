export {
  isModelSceneId,
  isSceneId,
  type ModelSceneId,
  modelSceneIds,
  type SceneId,
  sceneIds,
} from './scenes.js';
export { type StandardOptionName, standardOptionNames } from './standard-options.js';
