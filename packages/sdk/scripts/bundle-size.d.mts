export interface BundleSize {
  minified: number;
  gzipped: number;
}
export function measureBundleSizes(): Promise<{ sdk: BundleSize; fal?: BundleSize; ratio?: number }>;
