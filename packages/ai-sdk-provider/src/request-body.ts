import type { AdsClient, VideoGenerationInput } from '@ads/sdk';
import type {
  Experimental_VideoModelV4CallOptions as CallOptions,
  SharedV4Warning,
  Experimental_VideoModelV4File as VideoFile,
} from '@ai-sdk/provider';

/** What `providerOptions.ads` may carry: gateway fields, and any model option passed through. */
export interface AdsVideoProviderOptions {
  /** The scene (default: image-to-video with an image, video-to-video with a video, else text-to-video). */
  scene?: 'text-to-video' | 'image-to-video' | 'video-to-video' | 'ad-video';
  workspaceId?: string;
  /** Model options sent as they are (`options` of the REST create); they win over the mapped ones. */
  [option: string]: unknown;
}

/** `1280x720` → `720p`, the gateway's resolution names (the shorter side). */
function resolutionName(resolution: string): string {
  const [width, height] = resolution.split('x').map(Number) as [number, number];
  const short = Math.min(width, height);
  return short === 2160 ? '4k' : `${short}p`;
}

/** An input as the gateway takes it: its URL as it is; bytes uploaded first (POST /v1/files) as a file id. */
async function mediaReference(
  client: AdsClient,
  file: VideoFile,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (file.type === 'url') return file.url;
  const bytes =
    typeof file.data === 'string' ? Uint8Array.from(atob(file.data), (c) => c.charCodeAt(0)) : file.data;
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: file.mediaType });
  const extension = file.mediaType.split('/')[1] ?? 'bin';
  const uploaded = await client.files.upload(blob, {
    filename: `input.${extension}`,
    ...(signal ? { signal } : {}),
  });
  return uploaded.id;
}

const isVideo = (file: VideoFile) => (file.mediaType ?? '').startsWith('video/');

/**
 * The REST create body of an AI SDK call: the prompt, the images (the prompt's image, first and last
 * frames, image references) and videos, the standard options (duration, aspect ratio, resolution,
 * seed, audio), then `providerOptions.ads` on top. What the gateway cannot take is a warning.
 */
export async function requestBody(
  client: AdsClient,
  modelId: string,
  options: CallOptions & { webhookUrl?: string },
  warnings: SharedV4Warning[],
): Promise<VideoGenerationInput> {
  const { scene, workspaceId, ...passed } = (options.providerOptions?.ads ?? {}) as AdsVideoProviderOptions;
  const images: VideoFile[] = [];
  const videos: VideoFile[] = [];
  if (options.image) images.push(options.image);
  const frames = [...(options.frameImages ?? [])].sort((a, b) =>
    a.frameType === 'first_frame' ? -1 : b.frameType === 'first_frame' ? 1 : 0,
  );
  for (const frame of frames) images.push(frame.image);
  for (const reference of options.inputReferences ?? [])
    (isVideo(reference) ? videos : images).push(reference);
  if (options.n > 1)
    warnings.push({ type: 'unsupported', feature: 'n', details: 'The gateway makes one video per call.' });
  if (options.fps !== undefined) warnings.push({ type: 'unsupported', feature: 'fps' });
  const modelOptions: Record<string, unknown> = {
    ...(options.duration !== undefined ? { duration: options.duration } : {}),
    ...(options.aspectRatio && options.aspectRatio !== 'adaptive'
      ? { aspect_ratio: options.aspectRatio }
      : {}),
    ...(options.resolution ? { resolution: resolutionName(options.resolution) } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.generateAudio !== undefined ? { audio: options.generateAudio } : {}),
    ...passed,
  };
  const signal = options.abortSignal;
  const imageInput = await Promise.all(images.map((file) => mediaReference(client, file, signal)));
  const videoInput = await Promise.all(videos.map((file) => mediaReference(client, file, signal)));
  return {
    model: modelId,
    scene:
      scene ??
      (videoInput.length > 0 ? 'video-to-video' : imageInput.length > 0 ? 'image-to-video' : 'text-to-video'),
    ...(options.prompt !== undefined ? { prompt: options.prompt } : {}),
    ...(imageInput.length > 0 ? { image_input: imageInput } : {}),
    ...(videoInput.length > 0 ? { video_input: videoInput } : {}),
    options: modelOptions,
    ...(workspaceId ? { workspace_id: workspaceId } : {}),
    ...(options.webhookUrl ? { callback_url: options.webhookUrl } : {}),
  } as VideoGenerationInput;
}
