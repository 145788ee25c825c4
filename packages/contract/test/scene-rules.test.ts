import { describe, expect, it } from 'vitest';
import {
  applyPromptTemplate,
  generateActionInputSchema,
  modelSceneFor,
  type SceneId,
  sceneIds,
  sceneTable,
  videoGenerationBodySchema,
} from '../src/index.js';

const image = 'https://cdn.example.com/reference.png';
const video = 'https://cdn.example.com/source.mp4';

const validActionInput: Record<SceneId, Record<string, unknown>> = {
  'text-to-video': { scene: 'text-to-video', prompt: 'ocean waves' },
  'image-to-video': { scene: 'image-to-video', imageInput: image },
  'video-to-video': { scene: 'video-to-video', videoInput: video },
  'ad-video': { scene: 'ad-video', prompt: 'a new running shoe, 20% off' },
};

/** The field each scene cannot do without, and what removing it leaves. */
const requiredField: Record<SceneId, { action: string; rest: string }> = {
  'text-to-video': { action: 'prompt', rest: 'prompt' },
  'image-to-video': { action: 'imageInput', rest: 'image_input' },
  'video-to-video': { action: 'videoInput', rest: 'video_input' },
  'ad-video': { action: 'prompt', rest: 'prompt' },
};

function toRest(input: Record<string, unknown>) {
  const { imageInput, videoInput, ...rest } = input;
  return {
    ...rest,
    model: 'kie/bytedance/seedance-2-mini',
    ...(imageInput ? { image_input: imageInput } : {}),
    ...(videoInput ? { video_input: videoInput } : {}),
  };
}

function issuesOf(result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return (result.error?.issues ?? []).map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message,
  }));
}

describe.each(sceneIds)('scene %s', (scene) => {
  const input = validActionInput[scene];
  const field = requiredField[scene];

  it('accepts its required input on both surfaces', () => {
    expect(issuesOf(generateActionInputSchema.safeParse(input))).toEqual([]);
    expect(issuesOf(videoGenerationBodySchema.safeParse(toRest(input)))).toEqual([]);
  });

  it('rejects the request without it, naming the field', () => {
    const { [field.action]: _removed, ...without } = input;
    const actionIssues = issuesOf(generateActionInputSchema.safeParse(without));
    expect(actionIssues).toEqual([
      { path: field.action, message: expect.stringContaining(`requires ${field.action}`) },
    ]);
    const restIssues = issuesOf(videoGenerationBodySchema.safeParse(toRest(without)));
    expect(restIssues).toEqual([
      { path: field.rest, message: expect.stringContaining(`requires ${field.rest}`) },
    ]);
  });

  it('charges its default credits', () => {
    expect(sceneTable[scene].credits).toBe(
      { 'text-to-video': 6, 'image-to-video': 8, 'video-to-video': 10, 'ad-video': 8 }[scene],
    );
  });
});

describe('media inputs', () => {
  const second = 'https://cdn.example.com/second.png';

  it('normalises a comma-separated string and an array to the same list', () => {
    const fromString = generateActionInputSchema.parse({
      scene: 'image-to-video',
      imageInput: `${image}, ${second}`,
    });
    const fromArray = generateActionInputSchema.parse({
      scene: 'image-to-video',
      imageInput: [image, second],
    });
    expect(fromString.imageInput).toEqual([image, second]);
    expect(fromArray).toEqual(fromString);
    const restFromString = videoGenerationBodySchema.parse(
      toRest({ scene: 'image-to-video', imageInput: `${image},${second}` }),
    );
    expect(restFromString.imageInput).toEqual([image, second]);
  });

  it('rejects a URL that is not http(s), naming its place in the list', () => {
    const result = generateActionInputSchema.safeParse({
      scene: 'image-to-video',
      imageInput: `${image},ftp://x/y.png`,
    });
    expect(issuesOf(result)).toEqual([
      { path: 'imageInput.1', message: 'must be an http(s) URL or the id of an uploaded file (file_...)' },
    ]);
  });

  it('takes exactly one source video for video-to-video', () => {
    const result = videoGenerationBodySchema.safeParse(
      toRest({ scene: 'video-to-video', videoInput: [video, video] }),
    );
    expect(issuesOf(result)).toEqual([
      {
        path: 'video_input',
        message: 'scene "video-to-video" takes exactly one source video URL in video_input, got 2',
      },
    ]);
  });

  it('refuses images on text-to-video and says which scene takes them', () => {
    const result = generateActionInputSchema.safeParse({ prompt: 'waves', imageInput: image });
    expect(issuesOf(result)).toEqual([
      {
        path: 'imageInput',
        message:
          'scene "text-to-video" does not take imageInput; use scene "image-to-video" to animate an image',
      },
    ]);
  });

  it('refuses more than ten URLs', () => {
    const result = generateActionInputSchema.safeParse({
      scene: 'image-to-video',
      imageInput: Array(11).fill(image),
    });
    expect(issuesOf(result)).toEqual([{ path: 'imageInput', message: 'takes at most 10 URLs' }]);
  });
});

describe('ad-video', () => {
  it('routes to image-to-video with product images and to text-to-video without', () => {
    expect(modelSceneFor('ad-video', true)).toBe('image-to-video');
    expect(modelSceneFor('ad-video', false)).toBe('text-to-video');
    expect(modelSceneFor('video-to-video', true)).toBe('video-to-video');
  });

  it('has vertical, short defaults and applies its prompt template', () => {
    expect(sceneTable['ad-video'].defaultOptions).toEqual({ aspect_ratio: '9:16', duration: 5 });
    const prompt = applyPromptTemplate('ad-video', 'A new running shoe, 20% off.');
    expect(prompt).toContain('A new running shoe, 20% off. Clean product focus');
    expect(applyPromptTemplate('text-to-video', 'waves')).toBe('waves');
  });
});

describe('options', () => {
  it('reads numeric strings as numbers and passes extras through', () => {
    const parsed = generateActionInputSchema.parse({
      prompt: 'x',
      options: { duration: '10', seed: '42', camera_fixed: true },
    });
    expect(parsed.options).toEqual({ duration: 10, seed: 42, camera_fixed: true });
  });

  it.each([
    [{ duration: 'ten' }, 'options.duration'],
    [{ duration: -5 }, 'options.duration'],
    [{ aspect_ratio: 'wide' }, 'options.aspect_ratio'],
    [{ resolution: 'huge' }, 'options.resolution'],
    [{ seed: 1.5 }, 'options.seed'],
    [{ audio: 'yes' }, 'options.audio'],
  ])('rejects %j at %s', (options, path) => {
    const result = generateActionInputSchema.safeParse({ prompt: 'x', options });
    expect(issuesOf(result).map((issue) => issue.path)).toEqual([path]);
  });

  it('rejects options that are not an object', () => {
    expect(issuesOf(generateActionInputSchema.safeParse({ prompt: 'x', options: [1] }))[0]?.path).toBe(
      'options',
    );
  });
});
