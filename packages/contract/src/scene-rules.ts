import type { ErrorIssue } from './errors.js';
import { type MediaRule, type SceneId, sceneTable } from './scenes.js';

/** How a surface names the scene inputs (`imageInput` on the actions API, `image_input` on REST). */
export interface SceneFieldNames {
  prompt: string;
  imageInput: string;
  videoInput: string;
}

export interface SceneInputs {
  scene: SceneId;
  prompt?: string | undefined;
  imageInput: readonly string[];
  videoInput: readonly string[];
}

function mediaViolation(
  scene: SceneId,
  field: string,
  rule: MediaRule,
  count: number,
  otherScene: string,
): ErrorIssue | undefined {
  if (rule.max === 0 && count > 0) {
    return { path: field, message: `scene "${scene}" does not take ${field}; ${otherScene}` };
  }
  if (count < rule.min) {
    return {
      path: field,
      message: `scene "${scene}" requires ${field}: ${rule.min === 1 && rule.max === 1 ? 'one' : 'one or more'} ${rule.noun} (a comma-separated string or an array)`,
    };
  }
  if (count > rule.max) {
    return {
      path: field,
      message: `scene "${scene}" takes ${rule.max === 1 ? 'exactly one' : `at most ${rule.max}`} ${rule.noun} in ${field}, got ${count}`,
    };
  }
  return undefined;
}

/** Every way the inputs break their scene's rules, named with the surface's own field names. */
export function sceneRuleViolations(input: SceneInputs, names: SceneFieldNames): ErrorIssue[] {
  const rule = sceneTable[input.scene];
  const issues: ErrorIssue[] = [];
  if (rule.prompt === 'required' && (input.prompt === undefined || input.prompt.trim() === '')) {
    issues.push({
      path: names.prompt,
      message: `scene "${input.scene}" requires ${names.prompt}: describe the video to generate`,
    });
  }
  const imageIssue = mediaViolation(
    input.scene,
    names.imageInput,
    rule.imageInput,
    input.imageInput.length,
    'use scene "image-to-video" to animate an image',
  );
  const videoIssue = mediaViolation(
    input.scene,
    names.videoInput,
    rule.videoInput,
    input.videoInput.length,
    'use scene "video-to-video" to transform a video',
  );
  if (imageIssue) issues.push(imageIssue);
  if (videoIssue) issues.push(videoIssue);
  return issues;
}
