import { describe, expect, it } from 'vitest';
import { InvalidOptionsError, optionsJsonSchema, prepareInput } from '../src/index.js';
import { soraImageToVideo, wanImageToVideo } from './sample-entry.js';

const image = 'https://cdn.example.com/a.png';
const second = 'https://cdn.example.com/b.png';

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (InvalidOptionsError.isInstance(error)) return error.issues;
    throw error;
  }
  throw new Error('expected InvalidOptionsError');
}

describe('prepareInput', () => {
  it('maps prompt, first and last frame, and standard options onto the model fields', () => {
    const input = prepareInput(wanImageToVideo, {
      prompt: 'slow push in',
      imageUrls: [image, second],
      videoUrls: [],
      options: { duration: 8, resolution: '720p', seed: 7, prompt_extend: false },
    });
    expect(input).toEqual({
      prompt: 'slow push in',
      first_frame_url: image,
      last_frame_url: second,
      duration: 8,
      resolution: '720p',
      seed: 7,
      prompt_extend: false,
    });
  });

  it('translates values per model and fills required fields from their documented defaults', () => {
    const input = prepareInput(soraImageToVideo, {
      prompt: 'a kite',
      imageUrls: [image],
      videoUrls: [],
      options: { duration: 15, aspect_ratio: '9:16', size: 'high' },
    });
    expect(input).toEqual({
      prompt: 'a kite',
      image_urls: [image],
      n_frames: '15',
      aspect_ratio: 'portrait',
      size: 'high',
    });
  });

  it('names every problem with the client’s own paths', () => {
    const issues = issuesOf(() =>
      prepareInput(
        soraImageToVideo,
        {
          prompt: 'a kite',
          imageUrls: [image, second],
          videoUrls: [],
          options: { duration: 12, aspect_ratio: '4:3', audio: true, fps: 24 },
        },
        { prompt: 'prompt', imageInput: 'image_input', videoInput: 'video_input', options: 'options' },
      ),
    );
    expect(issues).toEqual([
      { path: 'image_input', message: 'kie/sora-2-pro-image-to-video takes at most 1 image URL, got 2' },
      { path: 'options.aspect_ratio', message: 'must be one of "16:9", "9:16"' },
      { path: 'options.audio', message: 'is not supported by kie/sora-2-pro-image-to-video' },
      {
        path: 'options.fps',
        message: 'is not an option of kie/sora-2-pro-image-to-video; it accepts duration, aspect_ratio, size',
      },
      {
        path: 'options.size',
        message: 'is required by kie/sora-2-pro-image-to-video (one of "standard", "high")',
      },
      { path: 'options.duration', message: 'must be one of "10", "15"' },
    ]);
  });

  it('rejects out-of-range values, wrong types, and media sent as options', () => {
    const issues = issuesOf(() =>
      prepareInput(wanImageToVideo, {
        prompt: 'x',
        imageUrls: [],
        videoUrls: ['https://cdn.example.com/v.mp4'],
        options: { duration: 30, resolution: 1080, prompt_extend: 'yes', first_frame_url: image },
      }),
    );
    expect(issues).toEqual([
      { path: 'videoInput', message: 'kie/wan/2-7-image-to-video takes no video input' },
      { path: 'options.first_frame_url', message: 'give these URLs as imageInput' },
      { path: 'options.duration', message: 'must be at most 15' },
      { path: 'options.resolution', message: 'must be one of "720p", "1080p"' },
      { path: 'options.prompt_extend', message: 'must be true or false' },
    ]);
  });

  it('requires the prompt and the image the model cannot do without', () => {
    const issues = issuesOf(() =>
      prepareInput(soraImageToVideo, { imageUrls: [], videoUrls: [], options: { size: 'high' } }),
    );
    expect(issues).toEqual([
      { path: 'imageInput', message: 'kie/sora-2-pro-image-to-video requires one image URL' },
      { path: 'prompt', message: 'is required by kie/sora-2-pro-image-to-video' },
    ]);
  });
});

describe('optionsJsonSchema', () => {
  it('lists standard names with the values a client sends, then the model’s own fields', () => {
    const schema = optionsJsonSchema(soraImageToVideo) as {
      properties: Record<string, { enum?: unknown[] }>;
      required: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(['duration', 'aspect_ratio', 'size']);
    expect(schema.properties.aspect_ratio?.enum).toEqual(['16:9', '9:16']);
    expect(schema.properties.duration?.enum).toEqual(['10', '15']);
    expect(schema.required).toEqual(['size']);
  });
});
