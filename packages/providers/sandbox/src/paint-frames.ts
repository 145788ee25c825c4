import { seededRandom } from '@ads/provider';
import { drawCaption } from './caption.js';
import type { RgbaImage } from './read-image.js';
import type { VideoSpec } from './video-spec.js';

type Colour = [number, number, number];

/**
 * Paints frame `index`: a drifting two-colour gradient with a moving disc, or, with an image, a slow
 * zoom into it, with the spec's caption on top. Same spec and index, same pixels.
 */
export function paintFrame(
  spec: VideoSpec,
  index: number,
  image: RgbaImage | undefined,
  into: Uint8Array,
): void {
  const next = seededRandom(spec.seed);
  const from: Colour = [next() * 255, next() * 255, next() * 255];
  const to: Colour = [next() * 255, next() * 255, next() * 255];
  const discColour: Colour = [255 - from[0], 255 - from[1], 255 - from[2]];
  const t = spec.frameCount > 1 ? index / (spec.frameCount - 1) : 0;
  const { width, height } = spec;
  const radius = Math.min(width, height) / 6;
  const centreX = width * (0.2 + 0.6 * t);
  const centreY = height * (0.5 + 0.25 * Math.sin(t * Math.PI * 2 + next() * Math.PI));
  const zoom = 1 + 0.15 * t;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 4;
      let colour: Colour;
      if (image) {
        const sourceX = Math.min(
          image.width - 1,
          Math.floor(((x - width / 2) / zoom + width / 2) * (image.width / width)),
        );
        const sourceY = Math.min(
          image.height - 1,
          Math.floor(((y - height / 2) / zoom + height / 2) * (image.height / height)),
        );
        const source = (sourceY * image.width + sourceX) * 4;
        colour = [image.data[source] ?? 0, image.data[source + 1] ?? 0, image.data[source + 2] ?? 0];
      } else {
        const mix = (x / width + y / height) / 2 + 0.25 * Math.sin(t * Math.PI);
        colour = [0, 1, 2].map(
          (channel) => (from[channel] ?? 0) * (1 - mix) + (to[channel] ?? 0) * mix,
        ) as Colour;
        if ((x - centreX) ** 2 + (y - centreY) ** 2 < radius ** 2) colour = discColour;
      }
      into[offset] = colour[0];
      into[offset + 1] = colour[1];
      into[offset + 2] = colour[2];
      into[offset + 3] = 255;
    }
  }
  if (spec.caption) drawCaption(spec.caption, width, height, into);
}
