export { LocalStorage } from './local-storage.js';
export { S3Storage, type S3StorageSettings } from './s3-storage.js';
export {
  type ByteRange,
  checkKey,
  type LinkOptions,
  type PutOptions,
  StorageNotFoundError,
  type VideoStorage,
} from './video-storage.js';
